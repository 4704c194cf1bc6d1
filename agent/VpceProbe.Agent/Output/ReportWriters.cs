namespace VpceProbe.Agent.Output;

/// <summary>Every report format the agent can print; the first is the default.</summary>
internal static class ReportWriters
{
    public static readonly IReadOnlyList<IReportWriter> All = [new JsonReportWriter(), new TableReportWriter()];

    public static IReportWriter Default => All[0];

    public static IReportWriter? Find(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    /// <summary>"json, table": for --help and for the message about an unknown format.</summary>
    public static string Names => string.Join(", ", All.Select(w => w.Format));
}
