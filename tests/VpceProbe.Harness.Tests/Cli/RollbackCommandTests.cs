using VpceProbe.Contract;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Run;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// Crash recovery on every backend: the harness is killed (SIGKILL, no cleanup) after each journaled change,
/// or stopped with SIGTERM mid-run, and the VPC must come back as it was.
/// </summary>
public class RollbackCommandTests(IntegrationBackends backends, MotoFixture moto)
{
    public static IEnumerable<TheoryDataRow<string, int>> ChangePoints => IntegrationBackends.NamesWith(Enumerable.Range(1, CrashScenario.Changes));

    [Theory]
    [MemberData(nameof(ChangePoints))]
    public async Task rollback_after_a_kill_at_each_change_point_restores_the_vpc_and_is_harmless_twice(string backend, int crashAfter)
    {
        var aws = await backends.UseAsync(backend);
        var vpc = await WalkthroughVpc.CreateAsync(aws);
        var before = await vpc.BaselineAsync(aws);
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-crash-").FullName;

        var output = await RunHarnessUntilKilledAsync(aws, vpc, outputDir, crashAfter);

        var runId = Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(outputDir, "runs"))));
        var journal = RunJournal.Open(runId, outputDir, TimeProvider.System);
        Assert.Equal(crashAfter, journal.Entries.Count(e => e.Type == JournalEntryTypes.Done));
        Assert.Contains($"after change {crashAfter}", output, StringComparison.Ordinal);
        Assert.NotEqual(before.Routes, (await vpc.BaselineAsync(aws)).Routes);

        // The journal alone says where the run happened: no --region or --endpoint-url needed.
        var first = await CliRun.InvokeAsync(["rollback", runId, "--output-dir", outputDir]);
        Assert.True(first.ExitCode == ExitCodes.Success, first.Output + first.Error);

        // The same words as the reports ("rolled_back"), not the enum's C# name.
        Assert.Contains("rolled_back: ", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RolledBack", first.Output, StringComparison.Ordinal);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(aws));

        var second = await CliRun.InvokeAsync(["rollback", runId, "--output-dir", outputDir]);
        Assert.True(second.ExitCode == ExitCodes.Success, second.Output + second.Error);
        Assert.Contains("match the state before the run", second.Output, StringComparison.Ordinal);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(aws));
    }

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task a_route_someone_else_changed_is_left_alone_and_reported_with_the_command_to_finish(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var vpc = await WalkthroughVpc.CreateAsync(aws);
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-crash-").FullName;
        await RunHarnessUntilKilledAsync(aws, vpc, outputDir, crashAfter: 1);
        var runId = Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(outputDir, "runs"))));
        var igw = await vpc.Seed.InternetGatewayAsync();
        await vpc.Seed.RouteAsync(vpc.PrivateTable, "0.0.0.0/0", gatewayId: igw);

        var run = await CliRun.InvokeAsync(["rollback", runId, "--output-dir", outputDir]);

        Assert.Equal(ExitCodes.RollbackIncomplete, run.ExitCode);
        Assert.Contains($"{vpc.PrivateTable} now sends 0.0.0.0/0 to {igw}, not {vpc.NatGatewayId}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"finish with: vpceprobe rollback {runId} --output-dir {outputDir} --region us-east-1 --endpoint-url {aws.Url}", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task sigterm_mid_run_rolls_the_vpc_back_before_the_harness_exits(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var vpc = await WalkthroughVpc.CreateAsync(aws);
        var before = await vpc.BaselineAsync(aws);
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-term-").FullName;

        // The changed phase's probe never meets its expectation (the port refuses), so the agent retries for a minute.
        var scenario = CrashScenario.Write(vpc.VpcId, expect: "reachable", changedPhaseWaitFor: "60s");
        await using var harness = StartHarness(aws, scenario, outputDir, crashAfter: null);
        await Until(() => DoneChanges(outputDir) == CrashScenario.Changes, harness);
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", $"{harness.Pid}"]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await Until(() => harness.HasExited, harness);
        Assert.Contains("interrupted", harness.Output, StringComparison.Ordinal);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(aws));
    }

    [Fact]
    public async Task rollback_of_a_run_that_still_holds_its_lease_is_refused_naming_the_run_and_its_host()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var before = await vpc.BaselineAsync(moto);
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-live-").FullName;
        const string runId = "20261130-040000-live01";
        var journal = RunJournal.Create(outputDir, new RunHeader(runId, "walkthrough", vpc.VpcId, VpcSeed.Region, moto.Url, null, before), TimeProvider.System);
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Intent, Seq = journal.NextSeq, Action = ChangeActions.RemoveRoute });
        var live = new LeaseHolder(runId, "build-host-7", 4242, DateTimeOffset.UtcNow.AddMinutes(3));
        await vpc.Seed.Ec2.CreateTagsAsync(new() { Resources = [vpc.VpcId], Tags = [new(VpcLease.TagKey, live.Format())] }, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["rollback", runId, "--output-dir", outputDir]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"refused: run {runId} is in progress on this VPC (host build-host-7, pid 4242", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was undone", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(RunJournal.Open(runId, outputDir, TimeProvider.System).Entries, e => e.Type == JournalEntryTypes.Undone);
        Assert.Equal(live.RunId, (await VpcLease.ReadAsync(vpc.Seed.Ec2, vpc.VpcId, TestContext.Current.CancellationToken))?.RunId);
    }

    [Fact]
    public async Task rollback_of_an_unknown_run_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync(["rollback", "no-such-run", "--output-dir", Directory.CreateTempSubdirectory().FullName]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no journal for run 'no-such-run'", run.Error, StringComparison.Ordinal);
    }

    private static async Task<string> RunHarnessUntilKilledAsync(AwsEndpoint aws, WalkthroughVpc vpc, string outputDir, int crashAfter)
    {
        await using var harness = StartHarness(aws, CrashScenario.Write(vpc.VpcId), outputDir, crashAfter);
        await Until(() => harness.HasExited, harness);
        return harness.Output;
    }

    private static ChildProcess StartHarness(AwsEndpoint aws, string scenario, string outputDir, int? crashAfter)
    {
        // The crash scenario's probe is not what these tests judge (a closed port on this host): without
        // --proceed-on-failed-baseline the baseline gate would stop the run before the change points they kill at.
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "vpceprobe.dll"), "run", scenario, "--yes", "--proceed-on-failed-baseline",
            "--transport", "local", "--agent", AgentBinary.Path, "--output-dir", outputDir, .. aws.CliArgs,
        ];
        return ChildProcess.Start("dotnet", args, crashAfter is null ? null : new Dictionary<string, string> { [CrashHook.Variable] = $"{crashAfter}" });
    }

    private static int DoneChanges(string outputDir)
    {
        var journal = Directory.Exists(Path.Combine(outputDir, "runs"))
            ? Directory.GetFiles(Path.Combine(outputDir, "runs"), RunJournal.FileName, SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return journal is null ? 0 : File.ReadAllLines(journal).Count(l => l.Contains("\"type\":\"done\"", StringComparison.Ordinal));
    }

    private static async Task Until(Func<bool> condition, ChildProcess harness)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), $"the harness did not get there in 2 minutes:\n{harness.Output}");
    }
}
