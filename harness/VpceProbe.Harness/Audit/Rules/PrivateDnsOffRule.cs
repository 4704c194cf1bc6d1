using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE004: an interface endpoint with private DNS off.</summary>
internal sealed class PrivateDnsOffRule : IAuditRule
{
    private const string Why =
        "With private DNS off, the service's usual name still resolves to its public addresses: SDKs and the CLI keep going " +
        "through the NAT gateway (or fail without one) unless every caller is reconfigured to the endpoint's own DNS name.";
    private const string Fix = "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --private-dns-enabled";

    public string Id => "VPCE004";

    public string Name => "interface-endpoint-private-dns-off";

    public string Summary => "interface endpoints with private DNS off";

    public Severity DefaultSeverity => Severity.Medium;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc) =>
        vpc.InterfaceEndpoints().Where(e => !e.PrivateDnsEnabled).Select(e => new Finding(
            Id, DefaultSeverity, e.Id, ResourceTypes.Endpoint,
            $"{e.Id} ({e.ServiceName}) has private DNS off",
            Why,
            AuditText.Fill(Fix, e.Id)));
}
