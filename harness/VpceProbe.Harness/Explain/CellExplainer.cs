using VpceProbe.Contract;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// Sets each cell's prediction beside its observation and expectation. A failed cell the prediction agrees with
/// gets the deciding step's cause; a cell the prediction disagrees with (either way) gets NOT_EXPLAINED_BY_VPC and
/// what the agent found on the instance that could explain it.
/// </summary>
internal static class CellExplainer
{
    public static IReadOnlyList<MatrixCell> Explain(IReadOnlyList<MatrixCell> cells, ProbePlan plan, IReadOnlyList<AgentRun> runs, VpcSnapshot vpc) =>
        [.. cells.Select(c => Explain(c, plan.Probes.FirstOrDefault(p => p.Id == c.ProbeId), runs.FirstOrDefault(r => r.InstanceId == c.InstanceId), vpc))];

    public static MatrixCell Explain(MatrixCell cell, ProbeSpec? probe, AgentRun? run, VpcSnapshot vpc)
    {
        var instance = vpc.Instances.FirstOrDefault(i => i.Id == cell.InstanceId);
        if (probe is null || instance is null)
        {
            return cell;
        }

        var prediction = Predictor.Predict(vpc, instance, probe);
        cell = cell with { Prediction = prediction };
        if (cell.Observed is not { } observed || prediction.Outcome is not { } predicted)
        {
            return cell;
        }

        if (Agrees(predicted, observed))
        {
            return cell.Pass ? cell : cell with { Cause = prediction.Cause };
        }

        var target = ProbeTarget.Of(probe, vpc.Region, null);
        var result = run?.Report?.Results.FirstOrDefault(r => r.Id == cell.ProbeId);
        var resolver = vpc.Cidrs.Select(c => Cidrs.Offset(c, 2)).FirstOrDefault(a => a is not null);
        var facts = InstanceFacts.For(run?.Report?.Host, result, target, resolver);
        var said = $"the VPC predicts {Wire(predicted)}, the instance saw {Wire(observed)}";
        return cell with
        {
            Cause = new(CauseCode.NotExplainedByVpc, instance.Id, facts.Count == 0 ? said : $"{said}; on the instance: {string.Join("; ", facts)}",
                CauseCatalog.Fix(CauseCode.NotExplainedByVpc, [])),
        };
    }

    /// <summary>The prediction and the observation say the same; an HTTP answer of any status is "reachable".</summary>
    public static bool Agrees(Outcome predicted, Outcome observed) => predicted == observed;

    private static string Wire(Outcome outcome) => Reports.Runs.ReportText.WireName(outcome);
}
