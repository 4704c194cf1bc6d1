using System.Text;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Network ACLs as AWS evaluates them (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html,
/// nacl-rules.html): stateless, "when traffic enters and leaves the subnet, not as it is routed within a subnet",
/// rules "in order, starting with the lowest numbered rule" and the first match applies, anything unmatched is
/// denied (the `*` rule), and the port range is the traffic's destination port in both directions, so replies
/// need their ephemeral ports allowed. DNS to the Route 53 Resolver and instance metadata are not filtered
/// (nacl-basics: network ACLs cannot block them).
///
/// Where the router sees each crossing: a packet leaves subnet S when it arrives from S's bridge for an address
/// outside S (prerouting, before a gateway endpoint's DNAT, so the service's address is the destination);
/// it enters subnet D when the router forwards it onto D's bridge from elsewhere, receives it for an ENI in D
/// from elsewhere, or sends it from itself (an ENI's or gateway endpoint's reply, after the reverse NAT) onto
/// D's bridge; an ENI's reply leaves its own subnet in the output hook. Each is its own base chain, so a
/// packet meets at most one ACL per hook; an allow returns to it, a deny drops.
/// </summary>
internal static class NetworkAclNft
{
    /// <summary>Marks forwarded packets, so the postrouting check only takes the router's own replies.</summary>
    private const string ForwardedMark = "0x766c";

    public static void Append(StringBuilder nft, RouterPlan plan)
    {
        var guarded = plan.Subnets.Where(s => s.Acl is not null).ToList();
        if (guarded.Count == 0)
        {
            return;
        }

        var unfiltered = RouterNftRules.Unfiltered(plan);
        string In(SubnetPlan s) => RouterNftRules.ChainName("nacl_in_", s.Acl!.Id);
        string Out(SubnetPlan s) => RouterNftRules.ChainName("nacl_out_", s.Acl!.Id);

        nft.Append($"  chain nacl_leave {{\n    type filter hook prerouting priority -150; policy accept;\n    ip daddr {unfiltered} accept\n");
        nft.Append(string.Concat(guarded.Select(s => $"    iifname \"{s.Bridge}\" ip daddr != {s.Cidr} jump {Out(s)}\n")));
        nft.Append($"  }}\n  chain nacl_forward {{\n    type filter hook forward priority -10; policy accept;\n    meta mark set {ForwardedMark}\n");
        nft.Append(string.Concat(guarded.Select(s => $"    oifname \"{s.Bridge}\" iifname != \"{s.Bridge}\" jump {In(s)}\n")));
        nft.Append($"  }}\n  chain nacl_receive {{\n    type filter hook input priority -10; policy accept;\n    ip daddr {unfiltered} accept\n");
        nft.Append(string.Concat(guarded.Select(s => $"    ip daddr {s.Cidr} iifname != \"{s.Bridge}\" jump {In(s)}\n")));
        nft.Append($"  }}\n  chain nacl_reply_leave {{\n    type filter hook output priority -10; policy accept;\n    ip saddr {unfiltered} accept\n");
        nft.Append(string.Concat(guarded.Select(s => $"    ip saddr {s.Cidr} oifname != \"{s.Bridge}\" jump {Out(s)}\n")));
        nft.Append($"  }}\n  chain nacl_reply_enter {{\n    type filter hook postrouting priority 110; policy accept;\n    meta mark {ForwardedMark} accept\n    ip saddr {unfiltered} accept\n");
        nft.Append(string.Concat(guarded.Select(s => $"    oifname \"{s.Bridge}\" ip saddr != {s.Cidr} jump {In(s)}\n")));
        nft.Append("  }\n");

        foreach (var acl in guarded.Select(s => s.Acl!).DistinctBy(a => a.Id))
        {
            AppendRules(nft, RouterNftRules.ChainName("nacl_in_", acl.Id), acl.Ingress, "saddr");
            AppendRules(nft, RouterNftRules.ChainName("nacl_out_", acl.Id), acl.Egress, "daddr");
        }
    }

    private static void AppendRules(StringBuilder nft, string name, IReadOnlyList<NetworkAclEntry> entries, string peerField)
    {
        nft.Append($"  chain {name} {{\n");
        foreach (var entry in entries)
        {
            if (L4.Match(entry.Protocol, entry.FromPort, entry.ToPort) is { } l4)
            {
                var peer = entry.Cidr == "0.0.0.0/0" ? "" : $"ip {peerField} {entry.Cidr} ";
                nft.Append($"    {(l4.Length > 0 ? l4 + " " : "")}{peer}{(entry.Allow ? "return" : "drop")} comment \"rule {entry.RuleNumber}\"\n");
            }
        }

        nft.Append("    drop comment \"rule *\"\n  }\n");
    }
}
