using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>
/// The shape the three policy rules share: one finding per endpoint whose policy has the rule's
/// <see cref="PolicyBreadth"/>. Gateway Load Balancer endpoints take no policy and are left out.
/// </summary>
internal abstract class EndpointPolicyRule : IAuditRule
{
    public abstract string Id { get; }

    public abstract string Name { get; }

    public abstract string Summary { get; }

    public abstract Severity DefaultSeverity { get; }

    protected abstract PolicyBreadth Breadth { get; }

    /// <summary>What is wrong, after "vpce-... (com.amazonaws...) ".</summary>
    protected abstract string Problem { get; }

    protected abstract string Why { get; }

    /// <summary>How to fix it; {0} is the endpoint id.</summary>
    protected abstract string FixTemplate { get; }

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc) =>
        vpc.LiveEndpoints()
            .Where(e => e.Type != EndpointType.GatewayLoadBalancer && EndpointPolicy.Classify(e.PolicyDocument) == Breadth)
            .Select(e => new Finding(Id, DefaultSeverity, e.Id, ResourceTypes.Endpoint, $"{e.Id} ({e.ServiceName}) {Problem}", Why, AuditText.Fill(FixTemplate, e.Id)));
}
