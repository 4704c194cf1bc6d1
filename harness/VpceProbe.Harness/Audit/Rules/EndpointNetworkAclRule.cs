using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE013: the network ACL of an interface endpoint's subnet blocks 443 in, or the ephemeral ports back, for a private subnet.</summary>
/// <remarks>NACLs are stateless and act only at the subnet edge, so the endpoint's own subnet is not checked against itself.</remarks>
internal sealed class EndpointNetworkAclRule : IAuditRule
{
    private const int Https = 443;
    private const int EphemeralFrom = 1024;
    private const int EphemeralTo = 65535;
    private const string Why =
        "Network ACLs are stateless: the endpoint's subnet must let TCP 443 in from its clients and let the answers out to " +
        "their ephemeral ports (1024-65535). If either is dropped, calls to the service time out.";
    private const string Fix = "Add rules to {0} allowing inbound TCP 443 and outbound TCP 1024-65535 for the VPC CIDR, numbered below the denying rule.";

    public string Id => "VPCE013";

    public string Name => "endpoint-nacl-blocks";

    public string Summary => "network ACLs of endpoint subnets that block 443 in or the ephemeral ports back";

    public Severity DefaultSeverity => Severity.High;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        var endpointSubnets = vpc.InterfaceEndpoints().SelectMany(e => e.SubnetIds).Distinct().Order(StringComparer.Ordinal);
        var problems = new List<(string Acl, string Problem)>();
        foreach (var subnetId in endpointSubnets)
        {
            var acl = vpc.NetworkAclOf(subnetId);
            if (acl is null)
            {
                continue;
            }

            foreach (var peer in vpc.PrivateSubnets().Where(s => s.Id != subnetId))
            {
                if (NetworkAclEvaluator.FirstBlockingRule(acl, egress: false, peer.Cidr, Https, Https) is { } inRule)
                {
                    problems.Add((acl.Id, $"{subnetId}: inbound TCP 443 from {peer.Id} ({peer.Cidr}) denied by rule {NetworkAclEvaluator.RuleName(inRule)}"));
                }

                if (NetworkAclEvaluator.FirstBlockingRule(acl, egress: true, peer.Cidr, EphemeralFrom, EphemeralTo) is { } outRule)
                {
                    problems.Add((acl.Id, $"{subnetId}: outbound TCP 1024-65535 to {peer.Id} ({peer.Cidr}) denied by rule {NetworkAclEvaluator.RuleName(outRule)}"));
                }
            }
        }

        return problems.GroupBy(p => p.Acl).Select(g => new Finding(
            Id, DefaultSeverity, g.Key, ResourceTypes.NetworkAcl, $"{g.Key}: {string.Join("; ", g.Select(p => p.Problem))}", Why, AuditText.Fill(Fix, g.Key)));
    }
}
