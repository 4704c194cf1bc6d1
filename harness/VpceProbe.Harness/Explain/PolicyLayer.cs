using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// The endpoint policy layer: explicit deny first, then allow, else implicit deny (<see cref="PolicyEvaluator"/>).
/// Conditions are judged on what the probe's request is known to carry through this endpoint: aws:SourceVpce,
/// aws:SourceVpc and aws:RequestedRegion (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
/// A condition on anything else (the principal, its organization, the time) leaves the cell undecided, never guessed.
/// </summary>
internal static class PolicyLayer
{
    public static PathStep Decide(VpcSnapshot vpc, EndpointInfo endpoint, ProbeTarget target)
    {
        var context = new Dictionary<string, string>
        {
            ["aws:SourceVpce"] = endpoint.Id, ["aws:SourceVpc"] = vpc.VpcId, ["aws:RequestedRegion"] = vpc.Region,
        };
        var decision = PolicyEvaluator.Decide(endpoint.PolicyDocument, target.Action!, target.Resource!, context);
        var call = $"{target.Action} on {target.Resource}";
        return decision.Kind switch
        {
            PolicyDecisionKind.Allowed => PathStep.Passing(PathLayer.EndpointPolicy, endpoint.Id, endpoint.PolicyDocument is null
                ? $"{endpoint.Id} has the default full-access policy"
                : $"{endpoint.Id} policy statement {decision.StatementIndex} allows {call}"),
            PolicyDecisionKind.ExplicitDeny => new(PathLayer.EndpointPolicy, StepVerdict.Block, endpoint.Id,
                $"{endpoint.Id} policy statement {decision.StatementIndex} denies {call}", CauseCode.EndpointPolicyExplicitDeny,
                [endpoint.Id, $"{decision.StatementIndex}"]),
            PolicyDecisionKind.ImplicitDeny => new(PathLayer.EndpointPolicy, StepVerdict.Block, endpoint.Id,
                $"no statement of {endpoint.Id}'s policy allows {call}", CauseCode.EndpointPolicyDenies, [endpoint.Id, target.Action!, target.Resource!]),
            PolicyDecisionKind.Undecided => new(PathLayer.EndpointPolicy, StepVerdict.Undecided, endpoint.Id,
                $"{endpoint.Id} policy statement {decision.StatementIndex} applies to {call} only under condition {decision.Condition}, which cannot be evaluated from the probe's request"),
            _ => new(PathLayer.EndpointPolicy, StepVerdict.Note, endpoint.Id, $"{endpoint.Id}'s policy is not a policy AWS would accept: not judged"),
        };
    }
}
