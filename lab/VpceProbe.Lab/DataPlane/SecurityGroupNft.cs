using System.Text;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Security groups as nft rules in the router, which every packet of an instance passes (even to a neighbour in
/// its subnet). Stateful as in AWS: replies of an allowed connection always pass. An instance's egress rules are
/// checked as its packets arrive, before a gateway endpoint's DNAT (so they see the service's address); ingress
/// rules of instances where the router forwards to them (the next hop, so a NAT instance reached by a route is
/// covered), and of interface-endpoint ENIs where the router receives for them. Traffic to the VPC resolver and
/// instance metadata is not filtered: "Security groups don't filter traffic destined to and from the following:
/// Amazon Domain Name Services (DNS) … Amazon EC2 instance metadata"
/// (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
/// </summary>
internal static class SecurityGroupNft
{
    private const string Established = "    ct state established,related accept\n";

    public static void AppendEniIngress(StringBuilder nft, RouterPlan plan)
    {
        nft.Append(Established);
        foreach (var eni in plan.Enis)
        {
            if (eni.CarriesTraffic)
            {
                foreach (var rule in eni.Ingress)
                {
                    if (Match(rule, "saddr") is { } match)
                    {
                        nft.Append($"    ip daddr {eni.Address} {match}accept comment \"{eni.EndpointId}\"\n");
                    }
                }
            }

            // A pending endpoint, and anything its security groups do not allow, is dropped.
            nft.Append($"    ip daddr {eni.Address} drop comment \"{eni.EndpointId}\"\n");
        }
    }

    public static void AppendInstanceIngress(StringBuilder nft, RouterPlan plan)
    {
        nft.Append(Established);
        if (plan.InstanceFirewalls.Count > 0)
        {
            nft.Append($"    rt ip nexthop vmap {{ {string.Join(", ", plan.InstanceFirewalls.Select(f => $"{f.Address} : jump {RouterNftRules.ChainName("sg_in_", f.InstanceId)}"))} }}\n");
        }
    }

    public static void AppendInstanceChains(StringBuilder nft, RouterPlan plan)
    {
        nft.Append("  chain sg_egress {\n    type filter hook prerouting priority -140; policy accept;\n");
        nft.Append(Established);
        nft.Append($"    ip daddr {RouterNftRules.Unfiltered(plan)} accept\n");
        if (plan.InstanceFirewalls.Count > 0)
        {
            nft.Append($"    ip saddr vmap {{ {string.Join(", ", plan.InstanceFirewalls.Select(f => $"{f.Address} : jump {RouterNftRules.ChainName("sg_out_", f.InstanceId)}"))} }}\n");
        }

        nft.Append("  }\n");
        foreach (var firewall in plan.InstanceFirewalls)
        {
            AppendChain(nft, RouterNftRules.ChainName("sg_in_", firewall.InstanceId), firewall.Ingress, "saddr");
            AppendChain(nft, RouterNftRules.ChainName("sg_out_", firewall.InstanceId), firewall.Egress, "daddr");
        }
    }

    /// <summary>Allow rules return to the base chain (which accepts); whatever no rule allows is dropped.</summary>
    private static void AppendChain(StringBuilder nft, string name, IReadOnlyList<FirewallRule> rules, string peerField)
    {
        nft.Append($"  chain {name} {{\n");
        foreach (var rule in rules)
        {
            if (Match(rule, peerField) is { } match)
            {
                nft.Append($"    {match}return\n");
            }
        }

        nft.Append("    drop\n  }\n");
    }

    /// <summary>The rule's protocol, ports and peers as an nft match (with a trailing space), or null if it can match nothing.</summary>
    private static string? Match(FirewallRule rule, string peerField)
    {
        if (L4.Match(rule.Protocol, rule.FromPort, rule.ToPort) is not { } l4)
        {
            return null;
        }

        var peers = rule.Peers.Contains("0.0.0.0/0") ? "" : $"ip {peerField} {RouterNftRules.Set(rule.Peers)} ";
        return (l4.Length > 0 ? l4 + " " : "") + peers;
    }
}
