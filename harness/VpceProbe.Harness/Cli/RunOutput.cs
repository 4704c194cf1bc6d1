using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Cli;

/// <summary>What `run` and `probe` print: the report in every format chosen, and what was left behind.</summary>
internal static class RunOutput
{
    public static void Write(RunResult result, ReportDestinations<RunResult> destinations, TextWriter output, TextWriter error)
    {
        ReportOutput.Write(destinations, result, output);
        if (result.LeftBehind is not null)
        {
            error.WriteLine("ROLLBACK INCOMPLETE. Left behind:");
            error.WriteLine(result.LeftBehind);
        }
    }
}
