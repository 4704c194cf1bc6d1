using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports.Runs;

/// <summary>
/// report.md: for a CI step summary ($GITHUB_STEP_SUMMARY, a GitLab MR note). A summary table first, then each
/// phase's matrix, the agent runs that brought back nothing, and the changes made to the VPC.
/// </summary>
internal sealed class MarkdownReportWriter : IReportWriter<RunResult>
{
    public ReportFormat Format => ReportFormat.Markdown;

    public string FileName => "report.md";

    public string Description => "Markdown for a CI step summary";

    public void Write(RunResult result, TextWriter writer)
    {
        if (ReportText.ErrorLine(result) is { } line)
        {
            writer.Write($"> **{Cell(line)}**\n\n");
        }

        writer.Write($"## VpceProbe `{Cell(result.Scenario)}`: {(result.Pass ? "✅ pass" : "❌ fail")} (exit {result.ExitCode})\n\n");
        writer.Write($"Run `{result.RunId}` on `{result.VpcId}`, transport {result.Transport ?? "unknown"}, backend {result.Backend ?? "unknown"}, ");
        writer.Write($"started {ReportText.Timestamp(result.StartedAt)}, {ReportText.Seconds(result.Duration)} s.\n\n");

        writer.Write("| Phase | Result | Checks | Failed |\n|---|---|---|---|\n");
        foreach (var phase in result.Phases)
        {
            writer.Write($"| {Cell(phase.Name)} | {Mark(phase.Pass)} | {phase.Cells.Count} | {phase.Cells.Count(c => !c.Pass)} |\n");
        }

        foreach (var phase in result.Phases)
        {
            WritePhase(phase, writer);
        }

        WriteChanges(result, writer);
        WriteComparison(result, writer);
        if (result.LeftBehind is { } left)
        {
            writer.Write($"\n### ⚠️ Left behind\n\n```\n{left}\n```\n");
        }
    }

    private static void WritePhase(PhaseResult phase, TextWriter writer)
    {
        writer.Write($"\n### Phase `{Cell(phase.Name)}`: {Mark(phase.Pass)}\n\n");
        if (phase.Actions.Count > 0)
        {
            writer.Write($"Actions: {Cell(string.Join("; ", phase.Actions))}\n\n");
        }

        // Derived probes (`accept`) say why they are there: a column only when some cell has a reason.
        var why = phase.Cells.Any(c => c.Reason is not null);
        var predicted = CauseText.Any(phase.Cells);
        var numbered = CauseText.Numbered(phase.Cells);
        writer.Write("| Probe | Instance | Target | Expected | Observed | Failure kind | Result | Detail |");
        writer.Write(predicted ? " Predicted | Cause |" : "");
        writer.Write(why ? " Why |\n" : "\n");
        writer.Write($"|{string.Concat(Enumerable.Repeat("---|", 8 + (predicted ? 2 : 0) + (why ? 1 : 0)))}\n");
        foreach (var c in phase.Cells)
        {
            writer.Write($"| {Cell(c.ProbeId)} | {Cell(c.InstanceId)} | {Cell(c.Target)} | {Cell(c.Expected)} | {Cell(ReportText.Observed(c))} | ");
            writer.Write($"{Cell(ReportText.Kind(c))} | {Mark(c.Pass)} | {Cell(c.Detail ?? "")} |");
            writer.Write(predicted ? $" {Cell(CauseText.Predicted(c))} | {Cell(CauseText.Column(c, numbered))} |" : "");
            writer.Write(why ? $" {Cell(c.Reason ?? "")} |\n" : "\n");
        }

        if (numbered.Count > 0)
        {
            writer.Write($"\n```\n{string.Join('\n', numbered.SelectMany(c => CauseText.Footnote(c, numbered)))}\n```\n");
        }

        foreach (var run in ReportText.Troubled(phase))
        {
            writer.Write($"\n> Agent on `{run.InstanceId}`: {ReportText.Status(run.Status)}: {Cell(run.Error ?? "")}\n");
        }
    }

    private static void WriteChanges(RunResult result, TextWriter writer)
    {
        if (result.Changes.Count == 0)
        {
            return;
        }

        writer.Write("\n### Changes to the VPC\n\n| Phase | Action | Resource | Status | Description |\n|---|---|---|---|---|\n");
        foreach (var c in result.Changes)
        {
            writer.Write($"| {Cell(c.Phase)} | {Cell(c.Action)} | {Cell(c.Resource)} | {ReportText.WireName(c.Status)} | {Cell(c.Description)} |\n");
        }
    }

    private static void WriteComparison(RunResult result, TextWriter writer)
    {
        if (result.Comparison is not { } comparison)
        {
            return;
        }

        var verdict = comparison.HasRegression ? "❌ regressions" : "✅ no regression";
        writer.Write($"\n### Comparison with `{Cell(comparison.Against)}`: {verdict}\n\n");
        writer.Write($"Saved run `{Cell(comparison.SavedRunId)}` ({ReportText.Timestamp(comparison.SavedAt)}): {comparison.Summary()}.\n\n");
        writer.Write("| Change | Phase | Cell | Before | After |\n|---|---|---|---|---|\n");
        foreach (var c in ComparisonText.Notable(comparison))
        {
            var mark = c.Category == Compare.ComparisonCategory.Regression ? "❌ " : "";
            writer.Write($"| {mark}{ComparisonText.Category(c.Category)} | {Cell(c.Phase)} | {Cell(ComparisonText.Cell(c))} | ");
            writer.Write($"{Cell(ComparisonText.State(c.Before))} | {Cell(ComparisonText.State(c.After))} |\n");
        }
    }

    private static string Mark(bool pass) => pass ? "✅" : "❌";

    // A table cell must stay on one line and must not close the cell early.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
