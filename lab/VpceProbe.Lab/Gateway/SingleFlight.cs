namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Coalesces reads without ever answering from a read that began before the call: a caller that arrives while a
/// read runs waits for the one next read (shared by everyone who arrives meanwhile), which starts when the running
/// one ends. Joining the running read instead was stale: a test that associated an instance profile and then asked
/// IMDS got the DescribeInstances a heartbeat had started a moment before the association ("Not Found" for the role).
/// So at most two reads are ever outstanding, however many callers. A read runs on no caller's token (one caller
/// giving up must not fail the others); each caller's own token still bounds its wait.
/// </summary>
internal sealed class SingleFlight<T>
{
    private readonly object _gate = new();
    private Task<T>? _running;
    private Task<T>? _queued; // not started yet: everyone who joins it arrived before its read began

    public Task<T> RunAsync(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_queued is not null)
            {
                return _queued.WaitAsync(cancellationToken);
            }

            if (_running is null || _running.IsCompleted)
            {
                _running = Task.Run(() => read(CancellationToken.None), CancellationToken.None);
                return _running.WaitAsync(cancellationToken);
            }

            var previous = _running;
            _queued = Task.Run(() => AfterAsync(previous, read), CancellationToken.None);
            return _queued.WaitAsync(cancellationToken);
        }
    }

    private async Task<T> AfterAsync(Task<T> previous, Func<CancellationToken, Task<T>> read)
    {
        // Its outcome is its own callers' concern: the queued read starts once it has ended, however.
        await previous.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        lock (_gate)
        {
            // The lock also waits out RunAsync's assignment of _queued (it holds the lock while it makes this task).
            (_running, _queued) = (_queued, null);
        }

        return await read(CancellationToken.None).ConfigureAwait(false);
    }
}
