using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.DataPlane;

/// <summary>
/// The coalescing of reconcile passes with a pass the test finishes by hand: which callers share which pass, what a
/// failure and a cancellation do. No timing: every step waits for the event it needs (a pass starting).
/// </summary>
public sealed class ReconcilePassesTests : IAsyncDisposable
{
    private readonly Channel<Pass> _started = Channel.CreateUnbounded<Pass>();
    private readonly List<Exception> _reported = [];
    private readonly FakeTimeProvider _time = new();
    private readonly ReconcilePasses _passes;
    private int _count;

    public ReconcilePassesTests()
    {
        _passes = new ReconcilePasses(token =>
        {
            var pass = new Pass(Interlocked.Increment(ref _count), token);
            _started.Writer.TryWrite(pass);
            return pass.Done.Task;
        }, e => { lock (_reported) { _reported.Add(e); } }, _time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_caller_that_asks_while_a_pass_runs_waits_for_the_next_pass_not_the_running_one()
    {
        var first = _passes.RunAsync(Ct);
        var one = await NextStartedAsync();
        var second = _passes.RunAsync(Ct);

        one.Done.SetResult();
        await first;
        Assert.False(second.IsCompleted); // pass 1 may have read moto before the second caller's call was made
        var two = await NextStartedAsync();
        Assert.Equal(2, two.Number);
        two.Done.SetResult();
        await second;
        Assert.Equal(2, _passes.Completed);
    }

    [Fact]
    public async Task every_caller_waiting_while_a_pass_runs_shares_the_one_next_pass()
    {
        var first = _passes.RunAsync(Ct);
        var one = await NextStartedAsync();
        var waiting = Enumerable.Range(0, 20).Select(_ => _passes.RunAsync(Ct)).ToList();

        one.Done.SetResult();
        var two = await NextStartedAsync();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        two.Done.SetResult();
        await Task.WhenAll(waiting.Append(first));

        Assert.Equal(2, _count);
        Assert.False(_started.Reader.TryRead(out _));
    }

    [Fact]
    public async Task a_failed_pass_fails_its_callers_with_its_exception_is_reported_and_is_retried_on_its_own()
    {
        var caller = _passes.RunAsync(Ct);
        var one = await NextStartedAsync();
        var failure = new LabCommandException("`ip -batch -` failed (1): RTNETLINK answers: File exists");
        one.Done.SetException(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<LabCommandException>(() => caller));
        Assert.Equal([failure], _reported);
        Assert.False(_started.Reader.TryRead(out _));

        // Nobody asks again: after the retry delay the data plane tries by itself, and succeeds.
        _time.Advance(ReconcilePasses.RetryDelay);
        var retry = await NextStartedAsync();
        retry.Done.SetResult();
        Assert.Equal(2, retry.Number);
        var later = _passes.RunAsync(Ct);
        (await NextStartedAsync()).Done.SetResult();
        await later;
        Assert.Equal(2, _passes.Completed);
    }

    [Fact]
    public async Task a_caller_that_gives_up_stops_only_its_own_wait_and_the_pass_goes_on_for_the_others()
    {
        using var impatient = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var gaveUp = _passes.RunAsync(impatient.Token);
        var patient = _passes.RunAsync(Ct);
        var one = await NextStartedAsync();

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        Assert.False(one.Token.IsCancellationRequested);
        one.Done.SetResult();
        await patient;
        Assert.Equal(1, _passes.Completed);
    }

    [Fact]
    public async Task stopping_cancels_the_running_pass_and_its_callers_and_refuses_new_ones()
    {
        var caller = _passes.RunAsync(Ct);
        var one = await NextStartedAsync();
        one.Token.Register(() => one.Done.TrySetCanceled(one.Token));

        await _passes.DisposeAsync();

        Assert.True(one.Token.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => caller);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _passes.RunAsync(Ct));
        Assert.Empty(_reported);
    }

    private async Task<Pass> NextStartedAsync() => await _started.Reader.ReadAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        while (_started.Reader.TryRead(out var pass))
        {
            pass.Done.TrySetResult();
        }

        await _passes.DisposeAsync();
    }

    private sealed record Pass(int Number, CancellationToken Token)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
