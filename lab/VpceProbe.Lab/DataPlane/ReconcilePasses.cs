namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Runs reconcile passes one at a time and lets concurrent callers share them. A caller waits for the first pass
/// that *starts* after it asked (so whatever moto performed before it asked is read by that pass), and every caller
/// that asks while a pass runs shares the one next pass: 50 RunInstances seeded in parallel cost a handful of
/// passes, not 50 serialized ones. A caller's cancellation only stops its own wait: the pass goes on for the
/// others and is never left half-applied because one HTTP client went away. A failed pass fails the callers that
/// waited for it and is retried on its own after <see cref="RetryDelay"/> (doubling up to
/// <see cref="MaxRetryDelay"/>) until one succeeds, so the data plane catches up with moto even when nobody asks.
/// </summary>
internal sealed class ReconcilePasses : IAsyncDisposable
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Func<CancellationToken, Task> _pass;
    private readonly Action<Exception> _failed;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource? _next;
    private Task? _loop;
    private TimeSpan _retryDelay = RetryDelay;
    private bool _retryScheduled;

    /// <param name="pass">One full reconcile; it gets the token that is cancelled only when the lab stops.</param>
    /// <param name="failed">Told about every failed pass (the daemon logs it), whether anybody waited for it or not.</param>
    public ReconcilePasses(Func<CancellationToken, Task> pass, Action<Exception> failed, TimeProvider time)
    {
        _pass = pass;
        _failed = failed;
        _time = time;
    }

    /// <summary>Passes run so far (tests and `lab status` read it).</summary>
    public int Completed { get; private set; }

    /// <summary>Waits for a pass that starts after this call; throws what that pass threw.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        Task shared;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            shared = _next.Task;
            _loop ??= Task.Run(LoopAsync, CancellationToken.None);
        }

        return shared.WaitAsync(cancellationToken);
    }

    /// <summary>Asks for a pass without waiting for it (its failure is still reported to the failure callback).</summary>
    public void Request()
    {
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _loop ??= Task.Run(LoopAsync, CancellationToken.None);
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            TaskCompletionSource current;
            lock (_lock)
            {
                if (_next is null || _stopping.IsCancellationRequested)
                {
                    _loop = null;
                    return;
                }

                current = _next;
                _next = null;
            }

            try
            {
                await _pass(_stopping.Token).ConfigureAwait(false);
                Completed++;
                _retryDelay = RetryDelay;
                current.TrySetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                current.TrySetCanceled(_stopping.Token);
            }

            // Not a catch-all that hides what happened: whatever the pass threw goes unchanged to every caller that
            // waited for it (each decides by its kind), and to the failure callback.
            catch (Exception e)
            {
                _failed(e);
                ScheduleRetry(); // before the callers hear of the failure: the retry is already on its way then
                current.TrySetException(e);
            }
        }
    }

    /// <summary>After a failure, one more pass later (callers that ask meanwhile join it), with a growing delay.</summary>
    private void ScheduleRetry()
    {
        lock (_lock)
        {
            if (_retryScheduled || _stopping.IsCancellationRequested)
            {
                return;
            }

            _retryScheduled = true;
        }

        var delay = _retryDelay;
        _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
        _ = RetryAfterAsync(delay);
    }

    private async Task RetryAfterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_lock)
        {
            _retryScheduled = false;
        }

        Request();
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        TaskCompletionSource? waiting;
        lock (_lock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            loop = _loop;
            waiting = _next;
            _next = null;
        }

        waiting?.TrySetCanceled(_stopping.Token);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
