using VpceProbe.Contract;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Tests.Reports;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Cli;

public class RunOutputTests
{
    [Fact]
    public void latest_follows_each_real_run_and_a_dry_run_or_refused_run_leaves_it_and_the_reports_alone()
    {
        var dir = Directory.CreateTempSubdirectory("vpceprobe-latest-").FullName;
        var first = SampleRun.Create() with { RunId = "run-1", Changed = true };
        var second = SampleRun.Create() with { RunId = "run-2", Changed = true, ExitCode = ExitCodes.Success };

        Write(first, dir);
        Assert.Equal(Path.Combine("runs", "run-1"), new FileInfo(Path.Combine(dir, RunOutput.LatestLink)).LinkTarget);
        Write(second, dir);
        var latest = new FileInfo(Path.Combine(dir, RunOutput.LatestLink));
        Assert.Equal(Path.Combine("runs", "run-2"), latest.LinkTarget);
        Assert.Contains("\"runId\": \"run-2\"", File.ReadAllText(Path.Combine(dir, "latest", "report.json")), StringComparison.Ordinal);
        var reportAfterSecond = File.ReadAllText(Path.Combine(dir, "report.json"));
        Assert.Contains("\"runId\": \"run-2\"", reportAfterSecond, StringComparison.Ordinal);

        var console = Write(SampleRun.Create() with { RunId = "dry-run", ExitCode = ExitCodes.Success }, dir);
        Write(SampleRun.Create() with { RunId = "run-3", ExitCode = ExitCodes.Usage, Changed = false }, dir);

        Assert.Equal(Path.Combine("runs", "run-2"), new FileInfo(Path.Combine(dir, RunOutput.LatestLink)).LinkTarget);
        Assert.Equal(reportAfterSecond, File.ReadAllText(Path.Combine(dir, "report.json")));
        Assert.True(File.Exists(Path.Combine(dir, "runs", "dry-run", "report.json")));
        Assert.True(File.Exists(Path.Combine(dir, "runs", "run-3", "report.json")));
        Assert.Contains("dry run: the last real run's reports in", console, StringComparison.Ordinal);
    }

    private static string Write(RunResult result, string dir)
    {
        var output = new StringWriter();
        RunOutput.Write(result, ReportDestinations<RunResult>.Resolve(ReportCatalog.Run.Choose([]), dir, null), output, new StringWriter());
        return output.ToString();
    }
}
