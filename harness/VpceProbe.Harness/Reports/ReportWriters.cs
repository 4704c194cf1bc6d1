using VpceProbe.Harness.Reports.Runs;

namespace VpceProbe.Harness.Reports;

/// <summary>The one list of report formats. `--help` and the file sink read it, so neither can drift from it.</summary>
public static class ReportWriters
{
    public static IReadOnlyList<IReportWriter> All { get; } =
    [
        new ConsoleReportWriter(),
        new JsonReportWriter(),
        new JUnitReportWriter(),
        new MarkdownReportWriter(),
    ];

    /// <summary>The writers that produce a file under --output-dir.</summary>
    public static IEnumerable<IReportWriter> Files => All.Where(w => w.FileName is not null);

    public static IReportWriter? Find(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    /// <summary>"console (the matrix for a person), json → report.json (...)": the text `--help` shows.</summary>
    public static string HelpText() => string.Join("; ", All.Select(w =>
        w.FileName is null ? $"{w.Format}: {w.Description}" : $"{w.Format} → {w.FileName}: {w.Description}"));
}
