using System.Net;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// Which addresses count as "private" for dns probes. An interface endpoint's private DNS answers with
/// the endpoint ENIs' addresses, so "private" means "inside the VPC": the plan's vpcCidrs when given,
/// otherwise every range a VPC can use (RFC 1918, RFC 6598 shared space) plus IPv6 unique-local.
/// </summary>
internal static class PrivateRanges
{
    public static readonly IReadOnlyList<IPNetwork> Default =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("fc00::/7"),
    ];

    /// <summary>The plan's CIDRs (already validated), or <see cref="Default"/> when there are none.</summary>
    public static IReadOnlyList<IPNetwork> For(IReadOnlyList<string>? vpcCidrs) =>
        vpcCidrs is { Count: > 0 } ? [.. vpcCidrs.Select(c => IPNetwork.Parse(c))] : Default;

    public static bool Contains(IReadOnlyList<IPNetwork> ranges, IPAddress address)
    {
        // A resolver may hand back ::ffff:10.0.1.5; it is the IPv4 address that the VPC routes.
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return ranges.Any(r => r.Contains(plain));
    }
}
