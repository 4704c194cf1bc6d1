using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE007: the security groups of an interface endpoint do not allow TCP 443 from the private subnets that use it.</summary>
internal sealed class EndpointSecurityGroupBlocksRule : IAuditRule
{
    private const int Https = 443;
    private const string Why =
        "AWS APIs are called over HTTPS. If the endpoint's security groups do not accept TCP 443 from a subnet, calls from it " +
        "time out: the name resolves to the endpoint's private IPs but no connection is ever accepted.";
    private const string Fix = "aws ec2 authorize-security-group-ingress --group-id {0} --protocol tcp --port 443 --cidr {1}";

    public string Id => "VPCE007";

    public string Name => "endpoint-security-group-blocks-443";

    public string Summary => "interface endpoints whose security groups do not allow TCP 443 from the private subnets";

    public Severity DefaultSeverity => Severity.High;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        foreach (var endpoint in vpc.InterfaceEndpoints())
        {
            var groups = vpc.SecurityGroups.Where(g => endpoint.SecurityGroupIds.Contains(g.Id)).ToList();
            if (groups.Count == 0)
            {
                // AWS always attaches at least one group; none in the snapshot means we cannot read them, not that all is blocked.
                continue;
            }

            var blocked = vpc.PrivateSubnets().Where(s => !SecurityGroupEvaluator.AllowsTcpFrom(groups, Https, s.Cidr)).ToList();
            if (blocked.Count > 0)
            {
                yield return new Finding(
                    Id, DefaultSeverity, endpoint.Id, ResourceTypes.Endpoint,
                    $"{endpoint.Id} ({endpoint.ServiceName}): {AuditText.List(groups.Select(g => g.Id))} allow no TCP 443 from " +
                    AuditText.List(blocked.Select(s => $"{s.Id} ({s.Cidr})")),
                    Why,
                    AuditText.Fill(Fix, groups[0].Id, vpc.Cidrs.FirstOrDefault(c => c.Contains('.', StringComparison.Ordinal)) ?? blocked[0].Cidr));
            }
        }
    }
}
