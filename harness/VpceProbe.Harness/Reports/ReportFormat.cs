namespace VpceProbe.Harness.Reports;

/// <summary>
/// Every output format a command can offer. Each command offers the ones that make sense for what it reports
/// (<see cref="ReportCatalog"/>); `--format` takes their <see cref="ReportFormats.Name"/>.
/// </summary>
internal enum ReportFormat
{
    /// <summary>For a person at a terminal; may change freely.</summary>
    Table,
    Json,
    Markdown,
    Html,
    Junit,
    Sarif,
}

internal static class ReportFormats
{
    public static string Name(ReportFormat format) => format.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out ReportFormat format) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(text, out _);
}
