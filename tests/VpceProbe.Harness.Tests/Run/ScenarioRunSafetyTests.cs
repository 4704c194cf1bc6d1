using VpceProbe.Contract;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Run;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Run;

/// <summary>
/// A run on a busy, messy account (moto, behind a <see cref="FaultingProxy"/> where AWS must misbehave): throttling
/// and 5xx are ridden out, a failed baseline stops the run before any change, any exception after the first change
/// rolls back with its kind, a connection lost during undo is exit 4, and keep: true is reported as kept.
/// moto moves no packets: these assert the AWS side and the run's verdicts.
/// </summary>
public class ScenarioRunSafetyTests(MotoFixture moto)
{
    private static async Task<Dnsmasq> ResolverAsync() => await Dnsmasq.StartAsync(
        new Dictionary<string, string[]> { [$"secretsmanager.{VpcSeed.Region}.amazonaws.com"] = ["10.0.10.50"] },
        cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task walkthrough_rides_out_20_percent_throttling_and_5_percent_server_errors_on_every_call()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await using var dns = await ResolverAsync();
        await using var proxy = FaultingProxy.Start(moto.Url, seed: 7);
        proxy.ThrottleRate = 0.2;
        proxy.ServerErrorRate = 0.05;
        var before = await vpc.BaselineAsync(moto);
        var harness = new RunHarness(moto, vpc) { Via = proxy.Url, ProceedOnFailedBaseline = true };

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        // moto moves no packets: egress and private DNS cannot be met here (exit 1); what counts is that no AWS call failed the run.
        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.ExpectationFailed, $"exit {result.ExitCode} {result.Error}\n{harness.Log}\n{Cells(result)}");
        Assert.Null(result.Error);
        Assert.True(proxy.Throttled > 5 && proxy.ServerErrors > 0, $"the proxy injected {proxy.Throttled} throttles and {proxy.ServerErrors} 5xx in {proxy.Forwarded} forwarded calls");
        Assert.DoesNotContain(result.Phases.SelectMany(p => p.Cells), c => c.FailureKind == FailureKind.Throttled);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    [Fact]
    public async Task a_baseline_without_a_report_stops_the_run_before_any_change()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await using var dns = await ResolverAsync();
        var before = await vpc.BaselineAsync(moto);
        var harness = new RunHarness(moto, vpc) { Wrap = inner => new FailingTransport(inner, 1, NoReport) };

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        Assert.Equal(ExitCodes.Infrastructure, result.ExitCode);
        Assert.Equal(RunErrorKind.BaselineFailed, result.Error?.Kind);
        Assert.Contains("nothing was changed", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(["baseline"], result.Phases.Select(p => p.Name));
        Assert.Empty(result.Changes);
        Assert.Single(harness.Transport!.Seen);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    [Fact]
    public async Task a_baseline_expectation_not_met_stops_the_run_with_exit_1_unless_told_to_proceed()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await using var dns = await ResolverAsync();

        // The web probes ask a port nobody listens on: the baseline's "egress reachable" is not met.
        var scenario = RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver);
        var unreachable = scenario with
        {
            Probes = [.. scenario.Probes.Select(p => p.Spec.Kind == ProbeKinds.Http ? p with { Spec = p.Spec with { Url = "http://127.0.0.1:9/" } } : p)],
        };

        var stopped = await new RunHarness(moto, vpc).RunAsync(unreachable);
        Assert.Equal(ExitCodes.ExpectationFailed, stopped.ExitCode);
        Assert.Equal(RunErrorKind.BaselineFailed, stopped.Error?.Kind);
        Assert.Single(stopped.Phases);

        var proceeded = await new RunHarness(moto, vpc) { ProceedOnFailedBaseline = true }.RunAsync(unreachable);
        Assert.Null(proceeded.Error);
        Assert.Equal(4, proceeded.Phases.Count);
        Assert.Null(proceeded.LeftBehind);
    }

    [Fact]
    public async Task any_exception_after_the_first_change_rolls_back_and_says_why_exit_3()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await using var dns = await ResolverAsync();
        var before = await vpc.BaselineAsync(moto);
        var harness = new RunHarness(moto, vpc) { ProceedOnFailedBaseline = true, Wrap = inner => new FailingTransport(inner, 2, _ => throw new InvalidOperationException("a bug in a transport")) };

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        Assert.Equal(ExitCodes.Infrastructure, result.ExitCode);
        Assert.Equal(RunErrorKind.Internal, result.Error?.Kind);
        Assert.Contains("a bug in a transport", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(result.Changes, c => c.Status == ChangeStatus.RolledBack);
        Assert.Null(result.LeftBehind);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    [Fact]
    public async Task aws_unreachable_during_undo_leaves_the_change_for_later_with_exit_4_and_the_resume_command()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await using var dns = await ResolverAsync();
        await using var proxy = FaultingProxy.Start(moto.Url);
        var harness = new RunHarness(moto, vpc)
        {
            ProceedOnFailedBaseline = true,
            Via = proxy.Url,
            UndoRetryFor = TimeSpan.FromSeconds(3),
            Wrap = inner => new FailingTransport(inner, 2, _ =>
            {
                // AWS goes away after the NAT route was removed; the run's own failure starts the rollback.
                proxy.Down = true;
                throw new HttpRequestException("connection refused (injected)");
            }),
        };

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));
        proxy.Down = false;

        Assert.Equal(ExitCodes.RollbackIncomplete, result.ExitCode);
        Assert.Equal(RunErrorKind.RollbackIncomplete, result.Error?.Kind);
        Assert.True(result.LeftBehind!.Contains("could not reach AWS", StringComparison.Ordinal), result.LeftBehind);
        Assert.Contains($"finish with: vpceprobe rollback {result.RunId}", result.LeftBehind, StringComparison.Ordinal);
        Assert.Contains("gave up after 3s of retries (--undo-retry-for)", result.LeftBehind, StringComparison.Ordinal);
    }

    [Fact]
    public async Task keep_true_reports_what_was_kept_instead_of_claiming_a_match()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await using var dns = await ResolverAsync();
        var scenario = RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver);
        var last = scenario.Phases[^1];
        var keeping = scenario with
        {
            Phases = [.. scenario.Phases.Take(scenario.Phases.Count - 1), last with { Actions = [.. last.Actions.Select(a => a with { Keep = true })] }],
        };
        var harness = new RunHarness(moto, vpc) { ProceedOnFailedBaseline = true };

        var result = await harness.RunAsync(keeping);

        Assert.Null(result.LeftBehind);
        Assert.NotNull(result.Kept);
        Assert.Contains(result.Kept, k => k.StartsWith("vpce-", StringComparison.Ordinal));
        var journal = RunJournal.Open(result.RunId, harness.OutputDir, TimeProvider.System);
        var verified = Assert.Single(journal.Entries, e => e.Type == JournalEntryTypes.Verified);
        Assert.Contains("except what was kept", verified.Description, StringComparison.Ordinal);

        // `rollback` of that run says what it keeps too, and does not delete it.
        var rollback = await CliRun.InvokeAsync(["rollback", result.RunId, "--output-dir", harness.OutputDir]);
        Assert.True(rollback.ExitCode == ExitCodes.Success, rollback.Output + rollback.Error);
        Assert.Contains("except what was kept: vpce-", rollback.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("match the state before the run\n", rollback.Output, StringComparison.Ordinal);
        var kept = result.Kept.First(k => k.StartsWith("vpce-", StringComparison.Ordinal)).Split(' ')[0];
        Assert.Contains((await vpc.DescribeAsync(moto)).Endpoints, e => e.Id == kept && e.State is not ("deleted" or "deleting"));
    }

    [Fact]
    public async Task a_second_run_on_a_vpc_with_a_live_lease_is_refused_naming_the_other_run()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var other = new LeaseHolder("20990101-000000-abcdef", "elsewhere", 4242, DateTimeOffset.UtcNow.AddMinutes(3));
        await vpc.Seed.Ec2.CreateTagsAsync(new() { Resources = [vpc.VpcId], Tags = [new(VpcLease.TagKey, other.Format())] }, TestContext.Current.CancellationToken);
        var before = await vpc.BaselineAsync(moto);
        var harness = new RunHarness(moto, vpc);

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, "127.0.0.1:53"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("run 20990101-000000-abcdef is in progress on this VPC (host elsewhere, pid 4242", harness.Log.ToString(), StringComparison.Ordinal);
        Assert.Empty(harness.Transport!.Seen);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    [Fact]
    public async Task a_run_takes_the_lease_while_it_changes_the_vpc_and_gives_it_back()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await using var dns = await ResolverAsync();
        LeaseHolder? during = null;
        var wrapped = new RunHarness(moto, vpc)
        {
            ProceedOnFailedBaseline = true,
            Wrap = inner => new FailingTransport(inner, 2, async ids =>
            {
                during = await VpcLease.ReadAsync(vpc.Seed.Ec2, vpc.VpcId, TestContext.Current.CancellationToken);
                return [.. ids.Select(id => new AgentRun(id, AgentRunStatus.NoReport, null, null, "not run"))];
            }),
        };

        var result = await wrapped.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        Assert.NotNull(during);
        Assert.Equal(result.RunId, during.RunId);
        Assert.Equal(Environment.ProcessId, during.Pid);
        Assert.True(during.IsAlive(DateTimeOffset.UtcNow));
        Assert.Null(await VpcLease.ReadAsync(vpc.Seed.Ec2, vpc.VpcId, TestContext.Current.CancellationToken));
    }

    private static Task<IReadOnlyList<AgentRun>> NoReport(IReadOnlyList<string> ids) =>
        Task.FromResult<IReadOnlyList<AgentRun>>([.. ids.Select(id => new AgentRun(id, AgentRunStatus.NoReport, null, null, "RequestLimitExceeded while deploying the agent (injected)"))]);

    private static string Cells(RunResult result) =>
        string.Join("\n", result.Phases.SelectMany(p => p.Cells).Where(c => !c.Pass).Select(c => $"{c.Phase} {c.ProbeId}: {c.Expected} vs {c.Observed} {c.FailureKind} {c.Detail}"));
}
