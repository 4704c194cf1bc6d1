using VpceProbe.Harness.Changes;

namespace VpceProbe.Harness.Tests.Changes;

public class PendingWaitsTests
{
    [Fact]
    public async Task all_ends_when_every_wait_has_ended_well()
    {
        var pending = new PendingWaits();
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        pending.Add(first.Task);
        pending.Add(second.Task);

        var all = pending.AllAsync();
        first.SetResult();
        Assert.False(all.IsCompleted);
        second.SetResult();

        await all;
    }

    [Fact]
    public async Task all_throws_what_a_failed_wait_threw()
    {
        var pending = new PendingWaits();
        pending.Add(Task.CompletedTask);
        pending.Add(Task.FromException(new InvalidOperationException("vpce-1 ended in state 'failed'")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(pending.AllAsync);

        Assert.Equal("vpce-1 ended in state 'failed'", error.Message);
    }

    [Fact]
    public async Task settled_waits_for_every_wait_and_throws_none_of_their_failures()
    {
        var pending = new PendingWaits();
        var slow = new TaskCompletionSource();
        pending.Add(Task.FromException(new InvalidOperationException("failed")));
        pending.Add(slow.Task);

        var settled = pending.SettledAsync();
        Assert.False(settled.IsCompleted);
        slow.SetCanceled(TestContext.Current.CancellationToken);

        await settled;
        Assert.True(slow.Task.IsCanceled);
    }
}
