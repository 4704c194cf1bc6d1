using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE001: the VPC's DNS attributes are off while interface endpoints rely on (or will need) private DNS.</summary>
internal sealed class DnsAttributesRule : IAuditRule
{
    private const string Why =
        "An interface endpoint's private DNS names resolve only in a VPC with both enableDnsSupport and enableDnsHostnames on. " +
        "Without them, service names such as secretsmanager.REGION.amazonaws.com resolve to public addresses and the traffic " +
        "goes to a NAT gateway, or nowhere once the NAT route is removed.";
    private const string Fix = "aws ec2 modify-vpc-attribute --vpc-id {0} --enable-dns-support Value=true; aws ec2 modify-vpc-attribute --vpc-id {0} --enable-dns-hostnames Value=true";

    public string Id => "VPCE001";

    public string Name => "dns-attributes-off";

    public string Summary => "enableDnsSupport or enableDnsHostnames is off while the VPC has interface endpoints";

    public Severity DefaultSeverity => Severity.High;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        var endpoints = vpc.InterfaceEndpoints().ToList();
        var off = new[] { ("enableDnsSupport", vpc.EnableDnsSupport), ("enableDnsHostnames", vpc.EnableDnsHostnames) }
            .Where(a => !a.Item2).Select(a => a.Item1).ToList();
        if (endpoints.Count == 0 || off.Count == 0)
        {
            yield break;
        }

        // With private DNS already on, names resolve wrongly today; with it off, turning it on will fail.
        var withPrivateDns = endpoints.Where(e => e.PrivateDnsEnabled).Select(e => e.Id).ToList();
        var severity = withPrivateDns.Count > 0 ? Severity.High : Severity.Medium;
        var what = withPrivateDns.Count > 0
            ? $"{string.Join(" and ", off)} off while private DNS is on for {string.Join(", ", withPrivateDns)}"
            : $"{string.Join(" and ", off)} off: private DNS cannot be turned on for {string.Join(", ", endpoints.Select(e => e.Id))}";
        yield return new Finding(Id, severity, vpc.VpcId, ResourceTypes.Vpc, what, Why, AuditText.Fill(Fix, vpc.VpcId));
    }
}
