using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>A probe derived from the VPC, and why: the rule that derived it, in words, and the resources it stems from.</summary>
/// <param name="KnownFailure">
/// Set when the snapshot alone already fails the check (--strict: a gateway endpoint missing from this subnet's table,
/// while a NAT would carry the same call just as well): the cell fails whatever the probe observes, and says this.
/// </param>
internal sealed record DerivedProbe(ProbeSpec Probe, DerivationReason Reason, string? KnownFailure = null);

/// <param name="Rule">The id of the rule that derived the probe ("interface-endpoint-dns").</param>
/// <param name="Text">For a person: "interface endpoint vpce-1 (ssm) has private DNS on: the service name must resolve inside the VPC".</param>
/// <param name="EndpointId">The endpoint the probe checks, when it checks one.</param>
/// <param name="RouteTableId">The route table whose routes decided the expectation, when they did.</param>
internal sealed record DerivationReason(string Rule, string Text, string? EndpointId = null, string? RouteTableId = null)
{
    /// <summary>Two rules derived the same probe: one reason that keeps both explanations.</summary>
    public DerivationReason Merge(DerivationReason other) => this with
    {
        Rule = $"{Rule}+{other.Rule}",
        Text = $"{Text}; {other.Text}",
        EndpointId = EndpointId ?? other.EndpointId,
        RouteTableId = RouteTableId ?? other.RouteTableId,
    };
}
