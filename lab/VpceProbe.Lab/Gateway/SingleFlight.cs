namespace VpceProbe.Lab.Gateway;

/// <summary>
/// One read in flight at a time: a caller that arrives while a read runs gets that read's answer, one that arrives
/// after it ended starts the next. The read runs on no caller's token (one caller giving up must not fail the
/// others); each caller's own token still bounds its wait.
/// </summary>
internal sealed class SingleFlight<T>
{
    private readonly object _gate = new();
    private Task<T>? _running;

    public Task<T> RunAsync(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        Task<T> running;
        lock (_gate)
        {
            if (_running is null || _running.IsCompleted)
            {
                _running = Task.Run(() => read(CancellationToken.None), CancellationToken.None);
            }

            running = _running;
        }

        return running.WaitAsync(cancellationToken);
    }
}
