namespace VpceProbe.Lab.Twin;

/// <summary>AWS's protocol names and numbers (NACL entries carry numbers, security group rules names) → a topology's.</summary>
internal static class TwinProtocols
{
    /// <summary>"tcp", "udp", "icmp" or "-1"; null for a protocol a topology cannot express (esp, gre, icmpv6…).</summary>
    public static string? FromAws(string protocol) => protocol.ToLowerInvariant() switch
    {
        "-1" or "all" => "-1",
        "6" or "tcp" => "tcp",
        "17" or "udp" => "udp",
        "1" or "icmp" => "icmp",
        _ => null,
    };
}
