using Spectre.Console;
using VpceProbe.Harness.Reports.Terminal;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports.Runs;

/// <summary>
/// The matrix for a person: phase × probe × instance with expected against observed and the failure kind,
/// the agent runs that brought back nothing, a short account of the changes, and the verdict.
/// Not a machine format: it may change freely.
/// </summary>
internal sealed class ConsoleReportWriter : IReportWriter<RunResult>
{
    private readonly int? _width;

    public ReportFormat Format => ReportFormat.Table;

    public string FileName => "report.txt";

    public string Description => "the matrix and the changes, for a person (printed)";

    /// <param name="width">Columns to lay out for (tests); by default the terminal's.</param>
    public ConsoleReportWriter(int? width = null) => _width = width;

    public void Write(RunResult result, TextWriter writer)
    {
        var console = ConsoleFor.Writer(writer, _width);

        if (ReportText.ErrorLine(result) is { } line)
        {
            console.MarkupLineInterpolated($"[red]{line}[/]");
        }

        // A plain line, not a ruler: a ruler is as wide as the console, and its title is cut in a narrow one.
        writer.WriteLine($"vpceprobe {result.Scenario} · {result.VpcId} · run {result.RunId}");
        var cells = result.Phases.SelectMany(p => p.Cells).ToList();
        // Derived probes (`accept`) say why they are there; hand-written ones have no reason and no column for it.
        var why = cells.Any(c => c.Reason is not null);
        // Predicted cells (a run, accept) get the prediction and the cause, footnoted below the table.
        var predicted = CauseText.Any(cells);
        var numbered = CauseText.Numbered(cells);
        string[] header = ["Phase", "Probe", "Instance", "Target", "Expected", "Observed", "Kind", "Result", .. predicted ? ["Predicted", "Cause"] : Array.Empty<string>(), .. why ? ["Why"] : Array.Empty<string>()];
        FittedTable.Write(
            console,
            writer,
            null,
            header,
            [.. cells.Select(c => (string[])[
                c.Phase, c.ProbeId, c.InstanceId, c.Target, c.Expected, ReportText.Observed(c), ReportText.Kind(c), c.Pass ? "pass" : "FAIL",
                .. predicted ? [CauseText.Predicted(c), CauseText.Column(c, numbered)] : Array.Empty<string>(),
                .. why ? [c.Reason ?? ""] : Array.Empty<string>()])],
            (row, column) => column == 7 ? new Style(cells[row].Pass ? Color.Green : Color.Red) : (Style?)null);
        foreach (var footnote in numbered.SelectMany(c => CauseText.Footnote(c, numbered)))
        {
            writer.WriteLine(footnote);
        }

        foreach (var phase in result.Phases)
        {
            foreach (var run in ReportText.Troubled(phase))
            {
                console.MarkupLineInterpolated($"[red]{phase.Name}: agent on {run.InstanceId}: {ReportText.Status(run.Status)}[/]: {run.Error ?? ""}");
            }
        }

        WriteChanges(result, console);
        WriteComparison(result, console, writer);
        var verdict = result.Pass ? "[green]PASS[/]" : "[red]FAIL[/]";
        console.MarkupLine($"{verdict} exit {result.ExitCode}: {result.Phases.Sum(p => p.Cells.Count(c => c.Pass))} of {result.Phases.Sum(p => p.Cells.Count)} checks met in {ReportText.Seconds(result.Duration)} s");
        if (result.LeftBehind is { } left)
        {
            console.MarkupLineInterpolated($"[red]Left behind:[/] {left}");
        }
    }

    private static void WriteChanges(RunResult result, IAnsiConsole console)
    {
        if (result.Changes.Count == 0)
        {
            console.WriteLine("No change was made to the VPC.");
            return;
        }

        console.WriteLine("Changes to the VPC:");
        foreach (var c in result.Changes)
        {
            console.WriteLine($"  [{c.Phase}] {c.Action} {c.Resource}: {c.Description} ({ReportText.WireName(c.Status)})");
        }

        // Cleanup ends with a fresh describe compared with the state before the run; nothing left behind means it matched.
        if (result.LeftBehind is null && result.Changes.Any(c => c.Status is ChangeStatus.RolledBack or ChangeStatus.Kept))
        {
            // An adopted endpoint is "kept" too, but only keep: true leaves something the run made.
            console.WriteLine(result.Kept is { Count: > 0 } kept
                ? $"Verified after cleanup: every route and endpoint is as before the run, except what was kept: {string.Join("; ", kept)}."
                : "Verified after cleanup: every route and endpoint is as before the run.");
        }
    }

    private static void WriteComparison(RunResult result, IAnsiConsole console, TextWriter writer)
    {
        if (result.Comparison is not { } comparison)
        {
            return;
        }

        console.MarkupLineInterpolated($"Compared with {comparison.Against} (run {comparison.SavedRunId}): {comparison.Summary()}");
        var notable = ComparisonText.Notable(comparison).ToList();
        if (notable.Count == 0)
        {
            return;
        }

        // Fitted like the matrix: a cell "probe@i-…" or an instance id is never split, whatever the width.
        FittedTable.Write(
            console,
            writer,
            null,
            ["Change", "Phase", "Cell", "Before", "After"],
            [.. notable.Select(c => new[] { ComparisonText.Category(c.Category), c.Phase, ComparisonText.Cell(c), ComparisonText.State(c.Before), ComparisonText.State(c.After) })],
            (row, column) => column == 0 && notable[row].Category == Compare.ComparisonCategory.Regression ? new Style(Color.Red) : (Style?)null);
    }
}
