using Spectre.Console;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Reports.Terminal;

namespace VpceProbe.Harness.Reports.Audits;

/// <summary>`--format table` (default): the findings for a person, most severe first. Not a stable format.</summary>
/// <param name="width">Columns to lay out for (tests); by default the terminal's.</param>
internal sealed class TableAuditWriter(int? width = null) : TableWriter<AuditReport>("audit.txt", "a table for a person (default)", width)
{
    protected override void Write(AuditReport report, IAnsiConsole console, TextWriter writer)
    {
        console.MarkupLineInterpolated($"[bold]vpceprobe audit[/] {report.VpcId} in {report.Region}: {report.Rules.Count} rules checked");
        if (report.Findings.Count == 0)
        {
            console.MarkupLine("[green]No findings.[/]");
            return;
        }

        FittedTable.Write(
            console,
            writer,
            null,
            ["Severity", "Rule", "Resource", "Finding"],
            [.. report.Findings.Select(f => new[]
            {
                SeverityNames.Name(f.Severity), $"{f.RuleId}\n{report.Rules.FirstOrDefault(r => r.Id == f.RuleId)?.Name ?? ""}", f.Resource,
                $"{f.What}\nWhy: {f.Why}\nFix: {f.Fix}",
            })],
            (row, column) => column == 0 ? new Style(Colour(report.Findings[row].Severity)) : (Style?)null);
        var counts = report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {SeverityNames.Name(g.Key)}");
        console.MarkupLineInterpolated($"{report.Findings.Count} findings: {string.Join(", ", counts)}");
    }

    private static Color Colour(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => Color.Red,
        Severity.Medium => Color.Yellow,
        _ => Color.Grey,
    };
}
