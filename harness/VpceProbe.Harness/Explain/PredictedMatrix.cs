using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Run;

namespace VpceProbe.Harness.Explain;

/// <summary>One probe on one instance in one phase, as the configuration predicts it before anything runs.</summary>
internal sealed record PredictedCell(string Phase, string ProbeId, string InstanceId, string Kind, string Target, string Expected, Prediction Prediction)
{
    /// <summary>The prediction meets the expectation (an HTTP status is taken as met by "reachable": the status itself is not predicted).</summary>
    public bool Meets => Prediction.Outcome is { } o
        && (Expectations.IsStatusCode(Expected, out _) ? o == Outcome.Reachable : Expectations.IsMet(Expected, o, null));

    public static PredictedCell For(string phase, ProbeSpec probe, InstanceInfo instance, VpcSnapshot vpc) =>
        new(phase, probe.Id, instance.Id, probe.Kind, MatrixBuilder.Target(probe), probe.Expect, Predictor.Predict(vpc, instance, probe));
}

/// <summary>The dry run's view: every phase's predicted cells, the hosts each probe contacts, and why a cell would fail.</summary>
internal static class PredictedMatrix
{
    public static void Write(IReadOnlyList<PredictedCell> cells, TextWriter output)
    {
        output.WriteLine("predicted matrix (the VPC as each phase's changes would leave it; nothing was sent):");
        foreach (var c in cells)
        {
            var predicted = c.Prediction.Outcome is { } o ? Reports.Runs.ReportText.WireName(o) : "unknown";
            var cause = c.Prediction.Cause is { } k && !c.Meets ? $"  {k.Short}: {k.Detail}" : "";
            output.WriteLine($"  [{c.Phase}] {c.ProbeId}@{c.InstanceId} {c.Kind} {c.Target}: expect {c.Expected}, predicted {predicted} {(c.Meets ? "pass" : "FAIL")}{cause}");
            if (!c.Meets && c.Prediction.Cause is { } fix)
            {
                output.WriteLine($"      fix: {fix.Fix}");
            }
        }

        output.WriteLine($"predicted: {cells.Count(c => c.Meets)} of {cells.Count} checks met");
    }
}
