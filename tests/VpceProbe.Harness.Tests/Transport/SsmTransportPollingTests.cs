using Amazon.S3;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Ssm;
using VpceProbe.Harness.Tests.Ssm;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Transport;
using static VpceProbe.Harness.Tests.Ssm.SsmReplayServer;
using static VpceProbe.Harness.Tests.Transport.TransportSamples;

namespace VpceProbe.Harness.Tests.Transport;

/// <summary>The polling logic against a loopback server replaying SSM's JSON 1.1 answers (backend: replay server, moto for S3).</summary>
public class SsmTransportPollingTests(MotoFixture moto)
{
    private const string I = "i-0a1b2c3d4e5f60001";

    private readonly IAmazonS3 _s3 = moto.Clients.S3();

    [Fact]
    public async Task invocation_does_not_exist_then_in_progress_then_success_completes_with_the_report()
    {
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Error("InvocationDoesNotExist"), Error("InvocationDoesNotExist"), Invocation("InProgress"), Invocation("Success", code: 0, stdout: Report(pass: true) + "\n"));

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Completed, run.Status);
        Assert.True(run.Report!.Pass);
        Assert.Equal(0, run.ExitCode);
        // One listing per poll; the short report fits in the listing's 2,500 characters, so no GetCommandInvocation.
        Assert.Equal(4, ssm.Requests.Count(r => r.Target == "ListCommandInvocations"));
        Assert.DoesNotContain(ssm.Requests, r => r.Target == "GetCommandInvocation");
    }

    [Fact]
    public async Task an_interactive_console_sees_which_instance_is_awaited_and_what_ssm_last_said()
    {
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Pending"), Invocation("InProgress"), Invocation("Success", code: 0, stdout: Report(pass: true) + "\n"));
        var console = new StringWriter();
        var options = ZeroDelay with { Progress = Harness.Reports.Terminal.WaitProgress.For(console, interactive: true) };

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I), options).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Completed, run.Status);
        Assert.Contains($"waiting for {I} to run the command (SSM: Pending)", console.ToString(), StringComparison.Ordinal);
        Assert.Contains($"waiting for {I} to run the command (SSM: InProgress)", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task failed_invocation_with_a_report_on_stdout_is_a_completed_run_with_exit_code_1()
    {
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Failed", code: 1, stdout: Report(pass: false), stderr: "1 of 1 expectations not met"));

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Completed, run.Status);
        Assert.False(run.Report!.Pass);
        Assert.Equal(1, run.ExitCode);
    }

    [Theory]
    [InlineData("Failed", "Undeliverable", AgentRunStatus.Undeliverable, "not connected to SSM")]
    [InlineData("TimedOut", "DeliveryTimedOut", AgentRunStatus.TimedOut, "did not deliver the command")]
    [InlineData("TimedOut", "ExecutionTimedOut", AgentRunStatus.TimedOut, "executionTimeout")]
    [InlineData("Failed", "Terminated", AgentRunStatus.Cancelled, "MaxErrors")]
    [InlineData("Cancelled", "Cancelled", AgentRunStatus.Cancelled, "cancelled in SSM")]
    [InlineData("Cancelling", "Cancelling", AgentRunStatus.Cancelled, "cancelled in SSM")]
    public async Task each_terminal_ssm_status_maps_to_its_own_run_status(string status, string details, AgentRunStatus expected, string message)
    {
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Pending"), Invocation("Delayed"), Invocation(status, details));

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(expected, run.Status);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Null(run.ExitCode);
    }

    [Fact]
    public async Task a_missing_agent_binary_says_to_deploy()
    {
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Failed", code: 127, stderr: "sh: 1: /var/lib/vpceprobe/agent/x/vpceprobe-agent: not found"));

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Failed, run.Status);
        Assert.Contains("vpceprobe agent deploy", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_instance_without_the_agent_is_failed_without_sending_anything()
    {
        await using var ssm = new SsmReplayServer();

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn()).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Failed, run.Status);
        Assert.Contains("not deployed", run.Error, StringComparison.Ordinal);
        Assert.Empty(ssm.Requests);
    }

    [Fact]
    public async Task the_harness_stops_waiting_on_its_own_bound_and_says_what_ssm_last_said()
    {
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("Delayed"));
        var time = new FakeTimeProvider();
        var options = new SsmOptions { PollInitialDelay = TimeSpan.FromSeconds(1), PollMaxDelay = TimeSpan.FromSeconds(10) };

        var running = OverSsm(ssm.Client(), _s3, InstalledOn(I), options, time).RunAsync([I], Plan(), TestContext.Current.CancellationToken);
        while (!running.IsCompleted)
        {
            // Fake time moves in steps; the pause only lets the poller reach its next (fake) delay.
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var run = (await running).Single();
        Assert.Equal(AgentRunStatus.TimedOut, run.Status);
        Assert.Contains("stopped waiting after 240 s (last status Delayed)", run.Error, StringComparison.Ordinal);

        // Due pace until the plan's deadline (60 s + 5), then backoff (1, 2, 4, 8, then 10 s apart): one poll per 5 s step would have made 48 over these 240 s.
        Assert.InRange(ssm.Requests.Count(r => r.Target == "ListCommandInvocations"), 3, 40);
    }

    [Fact]
    public async Task cancelling_the_wait_cancels_the_command_in_ssm()
    {
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("InProgress"));
        using var cts = new CancellationTokenSource();
        var time = new FakeTimeProvider();
        var options = new SsmOptions { PollInitialDelay = TimeSpan.FromSeconds(1), PollMaxDelay = TimeSpan.FromSeconds(1) };

        var running = OverSsm(ssm.Client(), _s3, InstalledOn(I), options, time).RunAsync([I], Plan(), cts.Token);
        while (!ssm.Requests.Any(r => r.Target == "ListCommandInvocations"))
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await cts.CancelAsync();
        var run = (await running).Single();

        Assert.Equal(AgentRunStatus.Cancelled, run.Status);
        Assert.Contains(ssm.Requests, r => r.Target == "CancelCommand");
    }

    [Fact]
    public async Task more_than_fifty_instances_go_out_in_batches_of_fifty()
    {
        await using var ssm = new SsmReplayServer { Script = (_, _) => [Invocation("Success", code: 0, stdout: Report(pass: true))] };
        var ids = Enumerable.Range(0, 51).Select(i => $"i-{i:x17}").ToArray();

        var runs = await OverSsm(ssm.Client(), _s3, InstalledOn(ids)).RunAsync(ids, Plan(), TestContext.Current.CancellationToken);

        Assert.All(runs, r => Assert.Equal(AgentRunStatus.Completed, r.Status));
        Assert.Equal(ids, runs.Select(r => r.InstanceId));
        // The two batches go out concurrently, in either order.
        Assert.Equal([1, 50], ssm.Sent.Select(b => b["InstanceIds"]!.AsArray().Count).Order());
    }

    [Fact]
    public async Task a_rejected_instance_id_is_undeliverable_with_ssm_s_reason()
    {
        await using var ssm = new SsmReplayServer { SendCommandAnswer = Error("InvalidInstanceId", "Instances [[i-0a1b2c3d4e5f60001]] not in a valid state for account 123456789012") };

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Undeliverable, run.Status);
        Assert.Contains("not managed by SSM", run.Error, StringComparison.Ordinal);
        Assert.Contains("not in a valid state", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_ssm_endpoint_nobody_listens_on_is_a_failed_run_not_an_exception()
    {
        var closed = new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient(
            new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
            new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig { ServiceURL = $"http://127.0.0.1:{Testing.FreePort.Next()}", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        var run = (await OverSsm(closed, _s3, InstalledOn(I)).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Failed, run.Status);
        Assert.Contains("SendCommand could not reach SSM", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_report_longer_than_the_listing_shows_is_read_with_one_get_command_invocation()
    {
        var report = Report(pass: true, results: 20);
        Assert.True(report.Length > 2_500);
        await using var ssm = new SsmReplayServer();
        ssm.Queue(I, Invocation("InProgress"), Invocation("Success", code: 0, stdout: report));

        var run = (await OverSsm(ssm.Client(), _s3, InstalledOn(I)).RunAsync([I], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Completed, run.Status);
        Assert.Equal(20, run.Report!.Results.Count);
        Assert.Single(ssm.Requests, r => r.Target == "GetCommandInvocation");
    }

    [Fact]
    public async Task a_tag_target_sends_one_command_for_the_whole_fleet_with_ssm_s_rate_controls()
    {
        var ids = Enumerable.Range(0, 60).Select(i => $"i-{i:x17}").ToArray();
        await using var ssm = new SsmReplayServer { TagTargets = ids, Script = (_, _) => [Invocation("Success", code: 0, stdout: Report(pass: true))] };
        var options = ZeroDelay with { TagTarget = new TagTarget("vpceprobe:fleet", "acceptance", MaxConcurrency: "10", MaxErrors: "5%") };

        var runs = await OverSsm(ssm.Client(), _s3, InstalledOn(ids), options).RunAsync(ids, Plan(), TestContext.Current.CancellationToken);

        Assert.All(runs, r => Assert.Equal(AgentRunStatus.Completed, r.Status));
        var sent = Assert.Single(ssm.Sent);
        Assert.Null(sent["InstanceIds"]);
        Assert.Equal("tag:vpceprobe:fleet", sent["Targets"]![0]!["Key"]!.GetValue<string>());
        Assert.Equal("acceptance", sent["Targets"]![0]!["Values"]![0]!.GetValue<string>());
        Assert.Equal("10", sent["MaxConcurrency"]!.GetValue<string>());
        Assert.Equal("5%", sent["MaxErrors"]!.GetValue<string>());

        // 60 invocations are two pages of 50: one poll, two calls.
        Assert.Equal(2, ssm.Requests.Count(r => r.Target == "ListCommandInvocations"));
    }

    [Fact]
    public async Task an_instance_the_tag_does_not_select_fails_and_says_so()
    {
        const string Untagged = "i-0000000000000beef";
        await using var ssm = new SsmReplayServer { TagTargets = [I], Script = (_, _) => [Invocation("Success", code: 0, stdout: Report(pass: true))] };
        var options = ZeroDelay with { TagTarget = new TagTarget("team", "net"), NotYetVisibleGrace = TimeSpan.Zero };

        var runs = await OverSsm(ssm.Client(), _s3, InstalledOn(I, Untagged), options).RunAsync([I, Untagged], Plan(), TestContext.Current.CancellationToken);

        Assert.Equal(AgentRunStatus.Completed, runs[0].Status);
        Assert.Equal(AgentRunStatus.Failed, runs[1].Status);
        Assert.Contains("tag:team=net did not select this instance", runs[1].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("env=prod", "50", "100%", true)]
    [InlineData("env=", "50", "100%", false)]
    [InlineData("=prod", "50", "100%", false)]
    [InlineData("env=prod", "101%", "100%", false)]
    [InlineData("env=prod", "10%", "0", true)]
    public void a_tag_target_is_checked_before_anything_is_sent(string tag, string concurrency, string errors, bool valid) =>
        Assert.Equal(valid, TagTarget.Parse(tag, concurrency, errors) is not null);
}
