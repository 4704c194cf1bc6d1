namespace VpceProbe.Harness.Reports.Html;

/// <summary>What the `html` writers of discover and audit share: the format, and the self-contained page around their body.</summary>
internal abstract class HtmlWriter<TReport>(string fileName, string description) : IReportWriter<TReport>
{
    public ReportFormat Format => ReportFormat.Html;

    public string FileName => fileName;

    public string Description => description;

    public void Write(TReport report, TextWriter writer) => HtmlPage.Write(writer, Title(report), w => Body(report, w), filterable: false);

    protected abstract string Title(TReport report);

    protected abstract void Body(TReport report, TextWriter writer);
}
