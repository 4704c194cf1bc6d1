using VpceProbe.Harness.Explain;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports.Runs;

/// <summary>
/// How every format words a cell's prediction and cause: the predicted outcome, a short cause column
/// ("[1] SG_INGRESS_BLOCKS sg-1"), and one footnote per failed or unexpected cell with its path and fix.
/// </summary>
internal static class CauseText
{
    /// <summary>True when the matrix carries predictions (a run or accept; not a bare `probe`): the columns are shown then.</summary>
    public static bool Any(IEnumerable<MatrixCell> cells) => cells.Any(c => c.Prediction is not null);

    public static string Predicted(MatrixCell cell) =>
        cell.Prediction is null ? "" : cell.Prediction.Outcome is { } o ? ReportText.WireName(o) : "unknown";

    /// <summary>"[2] NACL_BLOCKS acl-1", numbered like the footnotes; empty for a cell without a cause.</summary>
    public static string Column(MatrixCell cell, IReadOnlyList<MatrixCell> numbered) =>
        cell.Cause is { } cause ? $"[{Number(cell, numbered)}] {cause.Short}" : "";

    /// <summary>The cells with a cause, in matrix order: their position + 1 is their footnote's number.</summary>
    public static IReadOnlyList<MatrixCell> Numbered(IEnumerable<MatrixCell> cells) => [.. cells.Where(c => c.Cause is not null)];

    /// <summary>"[1] endpoints secret@i-1: SG_INGRESS_BLOCKS sg-1: …", then the path and the fix.</summary>
    public static IEnumerable<string> Footnote(MatrixCell cell, IReadOnlyList<MatrixCell> numbered)
    {
        var cause = cell.Cause!;
        yield return $"[{Number(cell, numbered)}] {cell.Phase} {cell.ProbeId}@{cell.InstanceId}: {cause.Short}: {cause.Detail}";
        if (cell.Prediction is { Path.Count: > 0 } prediction)
        {
            yield return $"    path: {PathText(prediction)}";
        }

        yield return $"    fix: {cause.Fix}";
    }

    /// <summary>What a JUnit failure message starts with: "SG_INGRESS_BLOCKS sg-1: ".</summary>
    public static string Lead(MatrixCell cell) => cell.Cause is { } cause ? $"{cause.Short}: " : "";

    /// <summary>Each decision of the predicted path, "→"-joined; a step that did not pass carries its verdict.</summary>
    public static string PathText(Prediction prediction) => string.Join(" → ", prediction.Path.Select(Step));

    private static string Step(PathStep step) => step.Verdict == StepVerdict.Pass ? step.Detail : $"{step.Detail} [{ReportText.WireName(step.Verdict)}]";

    private static int Number(MatrixCell cell, IReadOnlyList<MatrixCell> numbered) => numbered.ToList().IndexOf(cell) + 1;
}
