using Amazon.EC2;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Changes;

namespace VpceProbe.Harness.Tests.Changes;

public class ResourceWaitsTests
{
    private static async Task<T> Drive<T>(FakeTimeProvider time, Task<T> task)
    {
        // Advance fake time in half-second steps until the wait settles; no real sleeping.
        for (var i = 0; i < 20_000 && !task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Yield();
        }

        return await task;
    }

    [Fact]
    public async Task polls_every_half_second_for_ten_seconds_then_backs_off_until_the_endpoint_is_available()
    {
        var time = new FakeTimeProvider();
        var polls = new List<DateTimeOffset>();
        var states = new Queue<string>([.. Enumerable.Repeat("pending", 25), "available"]);
        var waits = new ResourceWaits(time, TimeSpan.FromMinutes(10));

        var state = await Drive(time, waits.UntilAsync("vpce-1", _ => { polls.Add(time.GetUtcNow()); return ValueTask.FromResult(states.Dequeue()); }, s => s == "available", CancellationToken.None));

        Assert.Equal("available", state);
        var gaps = polls.Zip(polls.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.Equal([.. Enumerable.Repeat(0.5, 20), 1, 2, 4, 8, 15], gaps);
    }

    [Fact]
    public async Task an_endpoint_pending_for_two_seconds_is_read_available_within_half_a_second()
    {
        var time = new FakeTimeProvider();
        var created = time.GetUtcNow();
        var waits = new ResourceWaits(time, TimeSpan.FromMinutes(10));

        await Drive(time, waits.UntilAsync("vpce-1", _ => ValueTask.FromResult(time.GetUtcNow() - created >= TimeSpan.FromSeconds(2) ? "available" : "pending"), s => s == "available", CancellationToken.None));

        Assert.InRange(waits.Waited.TotalSeconds, 2, 2.5);
    }

    [Fact]
    public async Task two_endpoints_pending_at_the_same_time_count_once_in_the_time_waited()
    {
        var time = new FakeTimeProvider();
        var created = time.GetUtcNow();
        var waits = new ResourceWaits(time, TimeSpan.FromMinutes(10));
        ValueTask<string> State(double pendingSeconds) => ValueTask.FromResult(time.GetUtcNow() - created >= TimeSpan.FromSeconds(pendingSeconds) ? "available" : "pending");

        var first = waits.UntilAsync("vpce-1", _ => State(2), s => s == "available", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = waits.UntilAsync("vpce-2", _ => State(3), s => s == "available", CancellationToken.None);
        await Drive(time, Task.WhenAll(first, second).ContinueWith(_ => 0, TaskScheduler.Default));

        // From the first wait's start to the second's end (3-3.5 s), not the sum of both (about 4.5 s).
        Assert.InRange(waits.Waited.TotalSeconds, 3, 3.5);
    }

    [Fact]
    public async Task gives_up_at_its_bound_with_its_own_kind_of_failure()
    {
        var time = new FakeTimeProvider();
        var waits = new ResourceWaits(time, TimeSpan.FromSeconds(60));

        var wait = waits.UntilAsync("vpce-1", _ => ValueTask.FromResult("pending"), s => s == "available", CancellationToken.None);
        var error = await Assert.ThrowsAsync<WaitTimedOutException>(() => Drive(time, wait));

        Assert.Contains("gave up waiting for vpce-1 after 60s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_caller_cancel_is_a_cancellation_not_a_timeout()
    {
        var waits = new ResourceWaits(new FakeTimeProvider(), TimeSpan.FromMinutes(10));
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waits.UntilAsync("vpce-1", _ => ValueTask.FromResult("pending"), s => s == "available", cancel.Token));
    }

    [Fact]
    public async Task dependency_violations_are_retried_until_the_call_succeeds()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var waits = new ResourceWaits(time, TimeSpan.FromMinutes(10));

        await Drive(time, waits.RetryDependencyAsync("sg-1", _ => ++calls < 3
            ? throw new AmazonEC2Exception("resource sg-1 has a dependent object") { ErrorCode = "DependencyViolation" }
            : Task.CompletedTask, CancellationToken.None).ContinueWith(_ => calls, TaskScheduler.Default));

        Assert.Equal(3, calls);
    }
}
