using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Tests.Ssm;

/// <summary>
/// When the poller calls SSM, on fake time: an SSM client whose ListCommandInvocations answers from the fake clock
/// (InProgress until the command's end, then Success, or throttling), recording the fake time of every call.
/// </summary>
public class CommandPollerTests
{
    private static readonly string[] Fleet = [.. Enumerable.Range(0, 120).Select(i => $"i-{i:x17}")];

    // The due pace alone, without the first pauses' ramp (the ramp has a test of its own below).
    private static readonly SsmOptions DuePace = new() { PollFirstDelay = TimeSpan.Zero };

    [Fact]
    public async Task a_result_is_read_within_half_a_second_of_its_end_with_one_listing_per_fifty_instances()
    {
        var time = new FakeTimeProvider();
        var ssm = new ClockedSsm(time, endsAfter: TimeSpan.FromSeconds(3.2)) { Instances = Fleet };

        var polled = await Drive(time, new CommandPoller(ssm, DuePace, time).PollAsync("cmd-1", Fleet, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), "not listed", TestContext.Current.CancellationToken));

        Assert.All(Fleet, id => Assert.Equal(CommandInvocationStatus.Success, polled[id].Last!.Status));
        var pickUp = ssm.Calls.Last().At - TimeSpan.FromSeconds(3.2);
        Assert.InRange(pickUp, TimeSpan.Zero, TimeSpan.FromSeconds(0.5));

        // 120 instances are three pages a poll: polls at 0, 0.5 … 3.5 s are eight polls, 24 calls, where one
        // GetCommandInvocation per instance per poll would have been 960.
        Assert.Equal(24, ssm.Calls.Count);
        Assert.Equal([null, "50", "100"], ssm.Calls.Take(3).Select(c => c.Token));
    }

    [Fact]
    public async Task past_the_due_bound_polls_back_off()
    {
        var time = new FakeTimeProvider();
        var ssm = new ClockedSsm(time, endsAfter: TimeSpan.FromSeconds(40));

        await Drive(time, new CommandPoller(ssm, DuePace, time).PollAsync("cmd-1", ["i-00000000000000001"], TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), "not listed", TestContext.Current.CancellationToken));

        // Due for 2 s at half a second (0 … 2), then 1, 2, 4, 8, 10, 10 s apart; the command ends at 40 s, read at 47.
        var at = ssm.Calls.Select(c => c.At.TotalSeconds).ToList();
        Assert.Equal([0, 0.5, 1, 1.5, 2, 3, 5, 9, 17, 27, 37, 47], at);
    }

    [Fact]
    public async Task throttling_slows_the_polls_instead_of_failing_the_wait()
    {
        var time = new FakeTimeProvider();
        var ssm = new ClockedSsm(time, endsAfter: TimeSpan.FromSeconds(6)) { ThrottleFirst = 3 };

        var polled = await Drive(time, new CommandPoller(ssm, new SsmOptions(), time).PollAsync("cmd-1", ["i-00000000000000001"], TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), "not listed", TestContext.Current.CancellationToken));

        Assert.Null(polled["i-00000000000000001"].Failure);
        var at = ssm.Calls.Select(c => c.At.TotalSeconds).ToList();

        // Throttled at 0, 2 and 6 s (pauses 2, 4, 8), then answered at 14 s, the command having ended at 6.
        Assert.Equal([0, 2, 6, 14], at);
    }

    [Fact]
    public async Task a_slow_listing_does_not_push_the_next_poll_later_the_pace_is_start_to_start()
    {
        var time = new FakeTimeProvider();
        var ssm = new ClockedSsm(time, endsAfter: TimeSpan.FromSeconds(2)) { CallTakes = TimeSpan.FromSeconds(0.3) };

        await Drive(time, new CommandPoller(ssm, DuePace, time).PollAsync("cmd-1", ["i-00000000000000001"], TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), "not listed", TestContext.Current.CancellationToken));

        // Each listing takes 0.3 s; the next starts 0.5 s after the last one started, not 0.8 s.
        Assert.Equal([0, 0.5, 1, 1.5, 2], ssm.Calls.Select(c => c.At.TotalSeconds));
    }

    [Fact]
    public async Task a_step_that_ends_in_150_ms_is_read_at_300_ms_not_at_the_first_due_poll()
    {
        var time = new FakeTimeProvider();
        var ssm = new ClockedSsm(time, endsAfter: TimeSpan.FromSeconds(0.15));

        await Drive(time, new CommandPoller(ssm, new SsmOptions(), time).PollAsync("cmd-1", ["i-00000000000000001"], TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(5), "not listed", TestContext.Current.CancellationToken));

        // Pauses of 0.1 and 0.2 s after sending: read at 0.3 s, where the due pace alone reads it at 0.5 s.
        Assert.Equal([0, 0.1, 0.3], ssm.Calls.Select(c => Math.Round(c.At.TotalSeconds, 3)));
    }

    /// <summary>Moves fake time in 50 ms steps until the poll ends; the real pause only lets its continuations run.</summary>
    private static async Task<T> Drive<T>(FakeTimeProvider time, Task<T> polling)
    {
        var started = time.GetUtcNow();
        while (!polling.IsCompleted && time.GetUtcNow() - started < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(1, TestContext.Current.CancellationToken);
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        return await polling;
    }

    private sealed class ClockedSsm(FakeTimeProvider time, TimeSpan endsAfter)
        : AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("testing", "testing"), new AmazonSimpleSystemsManagementConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1" })
    {
        private readonly DateTimeOffset _start = time.GetUtcNow();

        public List<(TimeSpan At, string? Token)> Calls { get; } = [];

        public int ThrottleFirst { get; init; }

        /// <summary>How long each listing takes, on the fake clock (SSM answering slowly).</summary>
        public TimeSpan CallTakes { get; init; }

        public IReadOnlyList<string> Instances { get; init; } = ["i-00000000000000001"];

        public override Task<ListCommandInvocationsResponse> ListCommandInvocationsAsync(ListCommandInvocationsRequest request, CancellationToken cancellationToken = default)
        {
            var at = time.GetUtcNow() - _start;
            Calls.Add((at, request.NextToken));
            if (Calls.Count <= ThrottleFirst)
            {
                throw new AmazonSimpleSystemsManagementException("Rate exceeded") { ErrorCode = "ThrottlingException", StatusCode = System.Net.HttpStatusCode.BadRequest };
            }

            var offset = request.NextToken is null ? 0 : int.Parse(request.NextToken, System.Globalization.CultureInfo.InvariantCulture);
            time.Advance(CallTakes);
            var ids = Instances;
            var status = at >= endsAfter ? CommandInvocationStatus.Success : CommandInvocationStatus.InProgress;
            var page = ids.Skip(offset).Take(request.MaxResults ?? 50)
                .Select(id => new CommandInvocation { CommandId = request.CommandId, InstanceId = id, Status = status, StatusDetails = status.Value, CommandPlugins = [new CommandPlugin { Output = "", ResponseCode = 0 }] })
                .ToList();
            var next = offset + page.Count < ids.Count ? (offset + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new ListCommandInvocationsResponse { CommandInvocations = page, NextToken = next });
        }
    }
}
