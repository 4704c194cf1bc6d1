using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Runner;

/// <summary>A probe ready to run: its spec (for the report), the probe, and its per-attempt timeout and waitFor.</summary>
internal sealed record PlannedProbe(ProbeSpec Spec, IProbe Probe, TimeSpan Timeout, TimeSpan? WaitFor)
{
    /// <summary>Timeout from the spec, else <see cref="ProbeKinds.DefaultTimeout"/>; waitFor only when the plan asks for it.</summary>
    public static PlannedProbe From(ProbeSpec spec, IProbe probe) => new(
        spec,
        probe,
        Duration.TryParse(spec.Timeout, out var timeout) ? timeout : ProbeKinds.DefaultTimeout(spec.Kind),
        Duration.TryParse(spec.WaitFor, out var waitFor) ? waitFor : null);
}
