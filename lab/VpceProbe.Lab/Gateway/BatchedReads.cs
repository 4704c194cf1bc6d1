namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Reads items by key, gathering every key asked while a read runs into the one next read, which starts when the
/// running one ends: as <see cref="SingleFlight{T}"/>, no caller is answered from a read that began before its
/// call, and at most two reads are outstanding; unlike it, a read asks only for the keys its callers want. Three
/// agents asking IMDS for credentials in a 50-instance lab read three instances, not the whole fleet, and 50 agents
/// asking at once still share one or two reads. A read runs on no caller's token; each caller's own bounds its wait.
/// </summary>
/// <param name="read">Reads the given keys; a key it does not return has no item.</param>
internal sealed class BatchedReads<TKey, TItem>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TItem>>> read)
    where TKey : notnull
    where TItem : class
{
    private readonly object _gate = new();
    private Task? _running;
    private Task<IReadOnlyDictionary<TKey, TItem>>? _queued; // not started yet: everyone who joins it arrived before its read began
    private HashSet<TKey> _queuedKeys = [];

    public async Task<TItem?> ReadAsync(TKey key, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<TKey, TItem>> batch;
        lock (_gate)
        {
            if (_queued is null)
            {
                _queuedKeys = [];
                var previous = _running;
                _queued = Task.Run(() => AfterAsync(previous), CancellationToken.None);
            }

            _queuedKeys.Add(key);
            batch = _queued;
        }

        var items = await batch.WaitAsync(cancellationToken).ConfigureAwait(false);
        return items.GetValueOrDefault(key);
    }

    private async Task<IReadOnlyDictionary<TKey, TItem>> AfterAsync(Task? previous)
    {
        if (previous is not null)
        {
            // Its outcome is its own callers' concern: the next read starts once it has ended, however.
            await previous.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }

        HashSet<TKey> keys;
        lock (_gate)
        {
            // The lock also waits out ReadAsync's assignment of _queued (it holds the lock while it makes this task).
            (_running, _queued, keys) = (_queued, null, _queuedKeys);
        }

        return await read(keys, CancellationToken.None).ConfigureAwait(false);
    }
}
