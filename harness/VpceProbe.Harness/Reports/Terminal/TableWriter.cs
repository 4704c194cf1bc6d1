using Spectre.Console;

namespace VpceProbe.Harness.Reports.Terminal;

/// <summary>
/// What the `table` writers of discover, audit and cost share: the format, and a console laid out for the terminal's
/// width (or a bounded one without a terminal, or the width a test gives).
/// </summary>
internal abstract class TableWriter<TReport>(string fileName, string description, int? width) : IReportWriter<TReport>
{
    public ReportFormat Format => ReportFormat.Table;

    public string FileName => fileName;

    public string Description => description;

    public void Write(TReport report, TextWriter writer) => Write(report, ConsoleFor.Writer(writer, width), writer);

    /// <param name="writer">The plain writer under <paramref name="console"/>, for <see cref="FittedTable"/>'s one-block-per-row form.</param>
    protected abstract void Write(TReport report, IAnsiConsole console, TextWriter writer);
}
