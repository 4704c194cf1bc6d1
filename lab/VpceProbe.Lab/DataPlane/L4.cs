namespace VpceProbe.Lab.DataPlane;

internal enum L4Protocol
{
    All,
    Tcp,
    Udp,
    Icmp,
    Other,
}

/// <summary>EC2 names a protocol by name or by number ("tcp" or "6", "-1" for all); nft wants one spelling.</summary>
internal static class L4
{
    public static L4Protocol Of(string protocol) => protocol.ToLowerInvariant() switch
    {
        "-1" or "all" => L4Protocol.All,
        "tcp" or "6" => L4Protocol.Tcp,
        "udp" or "17" => L4Protocol.Udp,
        "icmp" or "1" => L4Protocol.Icmp,
        _ => L4Protocol.Other,
    };

    /// <summary>The nft match for a protocol and port range (ports only for TCP and UDP), empty for all traffic; null for a protocol it cannot name (the rule matches nothing).</summary>
    public static string? Match(string protocol, int? fromPort, int? toPort)
    {
        var kind = Of(protocol);
        var ports = fromPort is null or -1 || toPort is null or -1 || (fromPort == 0 && toPort == 65535)
            ? ""
            : fromPort == toPort ? $" th dport {fromPort}" : $" th dport {fromPort}-{toPort}";
        return kind switch
        {
            L4Protocol.All => "",
            L4Protocol.Tcp => "meta l4proto tcp" + ports,
            L4Protocol.Udp => "meta l4proto udp" + ports,
            L4Protocol.Icmp => "meta l4proto icmp",
            _ => int.TryParse(protocol, out var number) && number is >= 0 and <= 255
                ? $"meta l4proto {number}"
                : null,
        };
    }
}
