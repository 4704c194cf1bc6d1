namespace VpceProbe.Harness.Reports;

/// <summary>
/// One output format of one kind of report (a run, an audit, a snapshot, a cost estimate). Every command's
/// `--format` list and its `--help` text come from its <see cref="ReportWriterSet{T}"/>, so neither can drift.
/// </summary>
internal interface IReportWriter<in TReport>
{
    ReportFormat Format { get; }

    /// <summary>The file written when --output names a directory ("report.json").</summary>
    string FileName { get; }

    string Description { get; }

    void Write(TReport report, TextWriter writer);
}
