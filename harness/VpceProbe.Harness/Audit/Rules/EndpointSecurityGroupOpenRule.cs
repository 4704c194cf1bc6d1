using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE006: a security group of an interface endpoint accepts traffic from anywhere (0.0.0.0/0 or ::/0).</summary>
internal sealed class EndpointSecurityGroupOpenRule : IAuditRule
{
    private const string Why =
        "An endpoint's security group is its network-level allow list. Open to the world, anything that can route to the VPC " +
        "(peered VPCs, VPN and Direct Connect networks, transit gateways) can use the endpoint and whatever its policy allows.";
    private const string Fix = "Replace the rule with one that allows TCP 443 from the VPC CIDR ({0}) or from the clients' security groups.";

    public string Id => "VPCE006";

    public string Name => "endpoint-security-group-open";

    public string Summary => "security groups of interface endpoints open to 0.0.0.0/0 or ::/0";

    public Severity DefaultSeverity => Severity.Medium;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        var users = vpc.InterfaceEndpoints().SelectMany(e => e.SecurityGroupIds.Select(g => (Group: g, Endpoint: e.Id)))
            .GroupBy(u => u.Group, u => u.Endpoint);
        foreach (var use in users.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var group = vpc.SecurityGroups.FirstOrDefault(g => g.Id == use.Key);
            var open = group is null ? [] : SecurityGroupEvaluator.OpenToAnywhere(group).ToList();
            if (open.Count > 0)
            {
                yield return new Finding(
                    Id, DefaultSeverity, use.Key, ResourceTypes.SecurityGroup,
                    $"{use.Key} (on {AuditText.List(use.Distinct())}) allows {AuditText.List(open)}",
                    Why,
                    AuditText.Fill(Fix, AuditText.List(vpc.Cidrs)));
            }
        }
    }
}
