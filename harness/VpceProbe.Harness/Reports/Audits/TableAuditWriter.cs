using Spectre.Console;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Cli;

namespace VpceProbe.Harness.Reports.Audits;

/// <summary>`--format table` (default): the findings for a person, most severe first. Not a stable format.</summary>
public sealed class TableAuditWriter : IReportWriter<AuditReport>
{
    public ReportFormat Format => ReportFormat.Table;

    public string FileName => "audit.txt";

    public string Description => "a table for a person (default)";

    public void Write(AuditReport report, TextWriter writer)
    {
        var console = ConsoleFor.Writer(writer);
        console.MarkupLineInterpolated($"[bold]vpceprobe audit[/] {report.VpcId} in {report.Region}: {report.Rules.Count} rules checked");
        if (report.Findings.Count == 0)
        {
            console.MarkupLine("[green]No findings.[/]");
            return;
        }

        var table = new Table { Border = TableBorder.Rounded };
        table.AddColumns("Severity", "Rule", "Resource", "Finding");
        foreach (var f in report.Findings)
        {
            var rule = report.Rules.FirstOrDefault(r => r.Id == f.RuleId)?.Name ?? "";
            table.AddRow(
                new Markup($"[{Colour(f.Severity)}]{SeverityNames.Name(f.Severity)}[/]"),
                new Text($"{f.RuleId}\n{rule}"),
                new Text(f.Resource),
                new Text($"{f.What}\nWhy: {f.Why}\nFix: {f.Fix}"));
        }

        console.Write(table);
        var counts = report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {SeverityNames.Name(g.Key)}");
        console.MarkupLineInterpolated($"{report.Findings.Count} findings: {string.Join(", ", counts)}");
    }

    private static string Colour(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "red",
        Severity.Medium => "yellow",
        _ => "grey",
    };
}
