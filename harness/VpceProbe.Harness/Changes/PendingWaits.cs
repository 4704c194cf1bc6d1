namespace VpceProbe.Harness.Changes;

/// <summary>
/// The AWS waits of one phase's changes, finished together after its last action. A created endpoint is `pending`
/// for a while (on AWS typically a minute or more; 2 s on the lab) and the phase's next action does not need it, so
/// two endpoints cost one wait, not two in a row. Only a wait that comes after its change is journaled goes here,
/// and nothing after it writes the journal; a wait that fails still fails the phase, and the run rolls back
/// everything journaled, as when each change waited on its own.
/// </summary>
internal sealed class PendingWaits
{
    private readonly Lock _lock = new();
    private readonly List<Task> _waits = [];

    public void Add(Task wait)
    {
        lock (_lock)
        {
            _waits.Add(wait);
        }
    }

    /// <summary>Every wait ended well; else what the first that failed threw.</summary>
    public Task AllAsync() => Task.WhenAll(Snapshot());

    /// <summary>Every wait ended, however: after a failure elsewhere, whose exception is the one reported.</summary>
    public async Task SettledAsync()
    {
        foreach (var wait in Snapshot())
        {
            await wait.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private Task[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _waits];
        }
    }
}
