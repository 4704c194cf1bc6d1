using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Timing;

/// <summary>The run's total of the phases' timing, printed as one line after the last phase.</summary>
internal static class RunTiming
{
    public static PhaseTiming? Of(IReadOnlyList<PhaseResult> phases, TextWriter log)
    {
        var measured = phases.Select(p => p.Timing).OfType<PhaseTiming>().ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var total = PhaseTiming.Sum(measured);
        log.WriteLine($"time of {measured.Count} phase(s) {total.Line()}");
        return total;
    }
}
