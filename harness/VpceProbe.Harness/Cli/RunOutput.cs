using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Cli;

/// <summary>What `run` and `probe` print: the console report, the report files, and what was left behind.</summary>
internal static class RunOutput
{
    public static void Write(RunResult result, DirectoryInfo outputDir, TextWriter output, TextWriter error)
    {
        ReportWriters.Find("console")?.Write(result, output);
        foreach (var path in ReportSink.WriteFiles(result, outputDir))
        {
            output.WriteLine($"wrote {path}");
        }

        if (result.LeftBehind is not null)
        {
            error.WriteLine("ROLLBACK INCOMPLETE. Left behind:");
            error.WriteLine(result.LeftBehind);
        }
    }
}
