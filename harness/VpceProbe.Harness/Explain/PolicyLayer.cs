using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Explain;

/// <summary>The endpoint policy layer: explicit deny first, then allow, else implicit deny (<see cref="PolicyEvaluator"/>).</summary>
public static class PolicyLayer
{
    public static PathStep Decide(EndpointInfo endpoint, ProbeTarget target)
    {
        var decision = PolicyEvaluator.Decide(endpoint.PolicyDocument, target.Action!, target.Resource!);
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
            _ => new(PathLayer.EndpointPolicy, StepVerdict.Note, endpoint.Id, $"{endpoint.Id}'s policy is not a policy AWS would accept: not judged"),
        };
    }
}
