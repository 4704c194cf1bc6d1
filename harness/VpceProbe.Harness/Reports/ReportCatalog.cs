using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Reports.Audits;
using VpceProbe.Harness.Reports.Costs;
using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Reports.Snapshots;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports;

/// <summary>
/// The one list of writers, per kind of report. A command's `--format` choices, its default and its `--help`
/// come from here; adding a format is adding a writer to a line below.
/// </summary>
internal static class ReportCatalog
{
    /// <summary>`run` and `probe`: the table on the console, every file format into the output directory.</summary>
    public static ReportWriterSet<RunResult> Run { get; } = new(
        [new ConsoleReportWriter(), new JsonReportWriter(), new MarkdownReportWriter(), new HtmlReportWriter(), new JUnitReportWriter()],
        [ReportFormat.Table, ReportFormat.Json, ReportFormat.Markdown, ReportFormat.Html, ReportFormat.Junit]);

    public static ReportWriterSet<VpcSnapshot> Discover { get; } = new(
        [new SnapshotTableWriter(), new SnapshotJsonWriter(), new HtmlSnapshotWriter()],
        [ReportFormat.Table]);

    public static ReportWriterSet<AuditReport> Audit { get; } = new(
        [new TableAuditWriter(), new JsonAuditWriter(), new HtmlAuditWriter(), new SarifAuditWriter()],
        [ReportFormat.Table]);

    public static ReportWriterSet<CostReport> Cost { get; } = new(
        [new CostTableWriter(), new CostJsonWriter()],
        [ReportFormat.Table]);
}
