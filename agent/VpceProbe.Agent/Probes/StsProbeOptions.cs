using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>sts probe options: none beyond the plan's region and endpoint; a record so every probe is built the same way.</summary>
public sealed record StsProbeOptions
{
    public static StsProbeOptions From(ProbeSpec spec) => spec is null ? throw new ArgumentNullException(nameof(spec)) : new();
}
