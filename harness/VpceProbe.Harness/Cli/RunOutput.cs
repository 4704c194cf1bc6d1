using VpceProbe.Contract;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// What `run` and `probe` print: the console report, the report files, and what was left behind. Files go to
/// OUTPUT_DIR/runs/RUN_ID/ (beside the journal). A real run then points OUTPUT_DIR/latest at its directory and
/// copies its reports to OUTPUT_DIR/report.* (where CI jobs read them); a dry run or a run refused before any
/// change writes only its own directory, so it never replaces the last real run's reports with an empty "pass".
/// </summary>
internal static class RunOutput
{
    public const string LatestLink = "latest";

    public static void Write(RunResult result, DirectoryInfo outputDir, TextWriter output, TextWriter error)
    {
        ReportWriters.Find("console")?.Write(result, output);
        var runDir = new DirectoryInfo(RunJournal.DirectoryFor(outputDir.FullName, result.RunId));
        foreach (var path in ReportSink.WriteFiles(result, runDir))
        {
            output.WriteLine($"wrote {path}");
        }

        if (IsReal(result))
        {
            PointLatestAt(outputDir, result.RunId);
            ReportSink.WriteFiles(result, outputDir);
            output.WriteLine($"latest: {Path.Combine(outputDir.FullName, LatestLink)} → runs/{result.RunId}; also {Path.Combine(outputDir.FullName, "report.*")}");
        }
        else
        {
            output.WriteLine($"{(result.RunId == "dry-run" ? "dry run" : "nothing was changed")}: the last real run's reports in {outputDir.FullName} are left as they were");
        }

        if (result.LeftBehind is not null)
        {
            error.WriteLine("ROLLBACK INCOMPLETE. Left behind:");
            error.WriteLine(result.LeftBehind);
        }
    }

    /// <summary>A dry run, or a run refused before it changed anything (exit 2), is not a real run.</summary>
    public static bool IsReal(RunResult result) =>
        result.RunId != "dry-run" && !(result.ExitCode == ExitCodes.Usage && !result.Changed);

    // Replace the link in one rename, so a reader never sees it missing.
    private static void PointLatestAt(DirectoryInfo outputDir, string runId)
    {
        var link = Path.Combine(outputDir.FullName, LatestLink);
        var temp = Path.Combine(outputDir.FullName, $".{LatestLink}.{Environment.ProcessId}");
        File.Delete(temp);
        File.CreateSymbolicLink(temp, Path.Combine("runs", runId));
        File.Move(temp, link, overwrite: true);
    }
}
