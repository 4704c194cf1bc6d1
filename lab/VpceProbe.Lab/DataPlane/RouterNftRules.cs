using System.Text;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The router namespace's nft table, replaced atomically on each reconcile: gateway-endpoint paths (DNAT to
/// the endpoint's frontend), the internet gateway (one-to-one translation of public addresses; nothing else
/// passes), security groups (<see cref="SecurityGroupNft"/>), network ACLs (<see cref="NetworkAclNft"/>), and
/// the silence of the VPC router (it never answers with ICMP errors or redirects: a dropped packet is a timeout,
/// as in AWS).
/// </summary>
internal static class RouterNftRules
{
    public const string Table = "vpl";

    public static string Render(RouterPlan plan)
    {
        var nft = new StringBuilder();
        nft.Append($"table ip {Table}\ndelete table ip {Table}\ntable ip {Table} {{\n");
        nft.Append("  chain prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n");
        foreach (var gateway in plan.GatewayEndpoints)
        {
            nft.Append($"    ip saddr {Set(gateway.SourceCidrs)} ip daddr {Set(gateway.ServiceAddresses)} tcp dport {{ 80, 443 }} dnat to {gateway.FrontendAddress} comment \"{gateway.EndpointId}\"\n");
        }

        nft.Append("  }\n  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        if (plan.PublicAddresses.Count > 0)
        {
            nft.Append($"    oifname \"{LabFabric.IgwLink}\" snat to ip saddr map {{ {string.Join(", ", plan.PublicAddresses.Select(p => $"{p.PrivateAddress} : {p.PublicAddress}"))} }}\n");
        }

        nft.Append("  }\n  chain input {\n    type filter hook input priority filter; policy accept;\n");
        // Nothing on the internet opens a connection to the VPC: public addresses only answer what went out.
        nft.Append($"    iifname \"{LabFabric.IgwLink}\" drop\n");
        if (!plan.ResolverAnswers)
        {
            // enableDnsSupport off: the Amazon-provided resolver does not answer at all.
            nft.Append($"    ip daddr {plan.ResolverAddress} meta l4proto {{ tcp, udp }} th dport 53 drop\n");
        }

        SecurityGroupNft.AppendEniIngress(nft, plan);
        nft.Append("  }\n  chain output {\n    type filter hook output priority filter; policy accept;\n    icmp type { destination-unreachable, redirect } drop\n  }\n");
        nft.Append("  chain forward {\n    type filter hook forward priority filter; policy accept;\n    icmp type { destination-unreachable, redirect } drop\n");
        // As in AWS, an internet gateway route carries only the traffic of sources with a public address.
        nft.Append(plan.PublicAddresses.Count > 0
            ? $"    oifname \"{LabFabric.IgwLink}\" ip saddr != {Set(plan.PublicAddresses.Select(p => p.PrivateAddress))} drop\n"
            : $"    oifname \"{LabFabric.IgwLink}\" drop\n");
        nft.Append($"    iifname \"{LabFabric.IgwLink}\" ct state new drop\n");
        SecurityGroupNft.AppendInstanceIngress(nft, plan);
        nft.Append("  }\n");
        SecurityGroupNft.AppendInstanceChains(nft, plan);
        NetworkAclNft.Append(nft, plan);
        nft.Append("}\n");
        return nft.ToString();
    }

    internal static string Set(IEnumerable<string> items) => $"{{ {string.Join(", ", items)} }}";

    /// <summary>nft chain names from AWS ids (letters, digits and underscores).</summary>
    internal static string ChainName(string prefix, string awsId) => prefix + awsId.Replace('-', '_');

    /// <summary>The AWS-managed addresses neither security groups nor network ACLs filter (resolver, instance metadata).</summary>
    internal static string Unfiltered(RouterPlan plan) => Set([plan.ResolverAddress, LabAddresses.Imds]);
}
