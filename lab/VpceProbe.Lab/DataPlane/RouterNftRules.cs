using System.Text;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The router namespace's nft table, replaced atomically on each reconcile: gateway-endpoint paths (DNAT to
/// the endpoint's frontend), interface-endpoint security groups, and the silence of the VPC router (it never
/// answers with ICMP errors: a dropped packet is a timeout, as in AWS).
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

        nft.Append("  }\n  chain input {\n    type filter hook input priority filter; policy accept;\n");
        if (!plan.ResolverAnswers)
        {
            // enableDnsSupport off: the Amazon-provided resolver does not answer at all.
            nft.Append($"    ip daddr {plan.ResolverAddress} meta l4proto {{ tcp, udp }} th dport 53 drop\n");
        }

        foreach (var eni in plan.Enis)
        {
            if (eni.CarriesTraffic && eni.AllowedSources.Count > 0)
            {
                nft.Append($"    ip daddr {eni.Address} tcp dport 443 ip saddr {Set(eni.AllowedSources)} accept comment \"{eni.EndpointId}\"\n");
            }

            nft.Append($"    ip daddr {eni.Address} drop comment \"{eni.EndpointId}\"\n");
        }

        nft.Append("  }\n  chain output {\n    type filter hook output priority filter; policy accept;\n    icmp type destination-unreachable drop\n  }\n");
        nft.Append("  chain forward {\n    type filter hook forward priority filter; policy accept;\n    icmp type destination-unreachable drop\n  }\n}\n");
        return nft.ToString();
    }

    private static string Set(IEnumerable<string> items) => $"{{ {string.Join(", ", items)} }}";
}
