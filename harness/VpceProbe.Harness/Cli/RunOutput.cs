using VpceProbe.Contract;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// What `run` and `probe` print: the console report, the report files in every format chosen, and what was left
/// behind. Files go to OUTPUT/runs/RUN_ID/ (beside the journal). A real run then points OUTPUT/latest at its
/// directory and copies its reports to OUTPUT/report.* (where CI jobs read them); a dry run or a run refused before
/// any change writes only its own directory, so it never replaces the last real run's reports with an empty "pass".
/// With one format and no --output, the report is printed and no file is written.
/// </summary>
internal static class RunOutput
{
    public const string LatestLink = "latest";

    public static void Write(RunResult result, ReportDestinations<RunResult> destinations, TextWriter output, TextWriter error)
    {
        if (destinations.Directory is not { } outputDir)
        {
            ReportOutput.Write(destinations, result, output);
        }
        else
        {
            var runDir = RunJournal.DirectoryFor(outputDir, result.RunId);
            ReportOutput.Write(destinations.At(runDir, withConsole: true)!, result, output);
            if (IsReal(result))
            {
                PointLatestAt(new DirectoryInfo(outputDir), result.RunId);
                destinations.At(outputDir, withConsole: false)!.Write(result, output);
                output.WriteLine($"latest: {Path.Combine(outputDir, LatestLink)} → runs/{result.RunId}; also {Path.Combine(outputDir, "report.*")}");
            }
            else
            {
                output.WriteLine($"{(result.RunId == "dry-run" ? "dry run" : "nothing was changed")}: the last real run's reports in {outputDir} are left as they were");
            }
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

    // The previous link goes, then the new one is made: a reader may find no `latest` for that instant, never a
    // stale one. (File.Move of a link to a directory follows it and says the file does not exist.)
    private static void PointLatestAt(DirectoryInfo outputDir, string runId)
    {
        var link = Path.Combine(outputDir.FullName, LatestLink);
        RemoveLink(link);
        File.CreateSymbolicLink(link, Path.Combine("runs", runId));
    }

    private static void RemoveLink(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
