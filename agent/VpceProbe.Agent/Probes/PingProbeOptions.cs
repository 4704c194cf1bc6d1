using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// ping: one ICMP echo to <see cref="Host"/> (a host name is resolved through the system resolver).
/// Per-attempt timeout: <see cref="ProbeKinds.DefaultTimeout"/> (3s); waitFor retries send more echoes.
/// </summary>
internal sealed record PingProbeOptions(string Host)
{
    /// <summary>The echo payload size of iputils ping.</summary>
    public const int PayloadBytes = 56;

    public static PingProbeOptions From(ProbeSpec spec) => new(spec.Host!.Trim());
}
