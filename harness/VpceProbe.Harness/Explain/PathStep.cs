using System.Text.Json.Serialization;

namespace VpceProbe.Harness.Explain;

/// <summary>The layer of the VPC a step of a path is decided by: one evaluator each.</summary>
internal enum PathLayer
{
    Dns,
    Route,
    SecurityGroupEgress,
    SecurityGroupIngress,
    NetworkAcl,
    EndpointPolicy,
    EndpointState,
}

/// <summary>What a step did to the traffic.</summary>
internal enum StepVerdict
{
    /// <summary>Let it through.</summary>
    Pass,

    /// <summary>Let it through with a remark that does not change the outcome (an endpoint in another AZ).</summary>
    Note,

    /// <summary>Sent it another way than the one meant (public addresses instead of the endpoint's).</summary>
    Detour,

    /// <summary>Stopped it: the outcome is decided here.</summary>
    Block,

    /// <summary>Cannot be told from the configuration (a policy condition on a key the request's known context lacks): no outcome is predicted.</summary>
    Undecided,
}

/// <summary>One decision on a cell's path, naming the AWS resource that made it.</summary>
/// <param name="Resource">The deciding resource: rtb-…, sg-…, acl-…, vpce-…, vpc-….</param>
/// <param name="Detail">The rule, route or statement, for a person ("rule 100 allows tcp 443 from 10.0.0.0/16").</param>
/// <param name="Cause">Set on a detour, a block or a note: the code to report when this step decides the cell.</param>
/// <param name="FixValues">The values the cause's fix is filled with.</param>
internal sealed record PathStep(
    PathLayer Layer, StepVerdict Verdict, string Resource, string Detail, CauseCode? Cause = null,
    [property: JsonIgnore] IReadOnlyList<string>? FixValues = null)
{
    [JsonIgnore]
    public bool Stops => Verdict == StepVerdict.Block;

    public static PathStep Passing(PathLayer layer, string resource, string detail) => new(layer, StepVerdict.Pass, resource, detail);
}
