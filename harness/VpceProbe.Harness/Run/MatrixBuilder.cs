using VpceProbe.Contract;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Run;

/// <summary>Turns one phase's agent runs into matrix cells: one per probe per instance, expected against observed.</summary>
internal static class MatrixBuilder
{
    public static IReadOnlyList<MatrixCell> Build(string phase, ProbePlan plan, IReadOnlyList<AgentRun> runs)
    {
        var cells = new List<MatrixCell>();
        foreach (var run in runs)
        {
            foreach (var probe in plan.Probes)
            {
                var result = run.Report?.Results.FirstOrDefault(r => r.Id == probe.Id);
                cells.Add(result is null
                    ? new MatrixCell(phase, probe.Id, run.InstanceId, probe.Kind, Target(probe), probe.Expect, null, null, false,
                        run.Report is null ? $"no report ({run.Status}): {run.Error}" : "the report has no result for this probe", 0)
                    : new MatrixCell(phase, probe.Id, run.InstanceId, result.Kind, result.Target, result.Expect, result.Outcome,
                        result.FailureKind, result.Pass, result.Detail, result.DurationMs));
            }
        }

        return cells;
    }

    /// <summary>The short form of what a probe aims at, as cells and the dry run show it.</summary>
    internal static string Target(ProbeSpec p) => p.Name ?? p.Url ?? p.Host ?? (p.Bucket is null ? null : $"s3://{p.Bucket}") ?? p.SecretId ?? p.Kind;
}
