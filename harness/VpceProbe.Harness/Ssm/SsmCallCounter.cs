using System.Collections.Concurrent;

namespace VpceProbe.Harness.Ssm;

/// <summary>
/// How many SSM calls the harness made, per operation. Phases take a snapshot before and after to say what a
/// phase cost (README: "how many SSM calls a phase makes for N targets"); thread-safe, batches poll at once.
/// </summary>
internal sealed class SsmCallCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string operation) => _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    /// <summary>Calls made since <paramref name="before"/>, per operation, leaving out those with none.</summary>
    public IReadOnlyDictionary<string, int> Since(IReadOnlyDictionary<string, int> before) =>
        new SortedDictionary<string, int>(
            Snapshot().Select(kv => (kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key))).Where(x => x.Count > 0).ToDictionary(x => x.Key, x => x.Count),
            StringComparer.Ordinal);
}
