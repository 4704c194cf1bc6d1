using VpceProbe.Contract;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>Crash recovery against moto: the harness is killed (SIGKILL, no cleanup) after each journaled change.</summary>
public class RollbackCommandTests(MotoFixture moto)
{
    public static TheoryData<int> ChangePoints => [.. Enumerable.Range(1, CrashScenario.Changes)];

    [Theory]
    [MemberData(nameof(ChangePoints))]
    public async Task rollback_after_a_kill_at_each_change_point_restores_the_vpc_and_is_harmless_twice(int crashAfter)
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var before = await vpc.BaselineAsync(moto);
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-crash-").FullName;

        var output = await RunHarnessUntilKilledAsync(vpc, outputDir, crashAfter);

        var runId = Assert.Single(Directory.GetDirectories(Path.Combine(outputDir, "runs"))).Split('/')[^1];
        var journal = RunJournal.Open(runId, outputDir, TimeProvider.System);
        Assert.Equal(crashAfter, journal.Entries.Count(e => e.Type == JournalEntryTypes.Done));
        Assert.Contains($"after change {crashAfter}", output, StringComparison.Ordinal);
        Assert.NotEqual(before.Routes, (await vpc.BaselineAsync(moto)).Routes);

        // The journal alone says where the run happened: no --region or --endpoint-url needed.
        var first = await CliRun.InvokeAsync(["rollback", runId, "--output-dir", outputDir]);
        Assert.True(first.ExitCode == ExitCodes.Success, first.Output + first.Error);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));

        var second = await CliRun.InvokeAsync(["rollback", runId, "--output-dir", outputDir]);
        Assert.True(second.ExitCode == ExitCodes.Success, second.Output + second.Error);
        Assert.Contains("match the state before the run", second.Output, StringComparison.Ordinal);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    [Fact]
    public async Task rollback_of_an_unknown_run_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync(["rollback", "no-such-run", "--output-dir", Directory.CreateTempSubdirectory().FullName]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no journal for run 'no-such-run'", run.Error, StringComparison.Ordinal);
    }

    private async Task<string> RunHarnessUntilKilledAsync(WalkthroughVpc vpc, string outputDir, int crashAfter)
    {
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "vpceprobe.dll"), "run", CrashScenario.Write(vpc.VpcId), "--yes",
            "--transport", "local", "--agent", AgentBinary.Path, "--output-dir", outputDir, .. moto.CliArgs,
        ];
        await using var harness = ChildProcess.Start("dotnet", args, new Dictionary<string, string> { [CrashHook.Variable] = $"{crashAfter}" });
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!harness.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(harness.HasExited, $"the harness did not die after change {crashAfter}:\n{harness.Output}");
        return harness.Output;
    }
}
