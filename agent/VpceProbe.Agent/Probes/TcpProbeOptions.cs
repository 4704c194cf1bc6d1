using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// tcp: open a connection to <see cref="Host"/>:<see cref="Port"/> and close it. A host name is resolved
/// through the system resolver. Per-attempt timeout: <see cref="ProbeKinds.DefaultTimeout"/> (3s).
/// </summary>
internal sealed record TcpProbeOptions(string Host, int Port)
{
    public static TcpProbeOptions From(ProbeSpec spec) => new(spec.Host!.Trim(), spec.Port!.Value);

    /// <summary>"host:port", with IPv6 literals in brackets.</summary>
    public string Target => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
