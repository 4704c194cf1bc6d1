using VpceProbe.Harness.Reports;

namespace VpceProbe.Harness.Cli;

/// <summary>Writes a command's report in every format chosen, and says where each file went.</summary>
internal static class ReportOutput
{
    public static void Write<TReport>(ReportDestinations<TReport> destinations, TReport report, TextWriter console)
    {
        foreach (var path in destinations.Write(report, console))
        {
            console.WriteLine($"wrote {path}");
        }
    }
}
