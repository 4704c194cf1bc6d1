using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>Tags as EC2 takes them at creation (TagSpecifications) or afterwards (CreateTags): Name first, then the topology's.</summary>
internal static class Ec2Tags
{
    public static List<Tag> Of(string? name, IReadOnlyDictionary<string, string>? tags) =>
        [.. (name is null ? [] : new[] { new Tag("Name", name) }), .. (tags ?? new Dictionary<string, string>()).Select(t => new Tag(t.Key, t.Value))];

    public static List<TagSpecification> Spec(string resourceType, string? name, IReadOnlyDictionary<string, string>? tags = null) =>
        [new TagSpecification { ResourceType = resourceType, Tags = Of(name, tags) }];
}

/// <summary>How the seeders spread independent calls: a few at a time, as a console user's scripts would (AWS throttles beyond).</summary>
internal static class SeedParallel
{
    public const int Degree = 8;

    public static async Task<TResult[]> MapAsync<T, TResult>(IReadOnlyList<T> items, Func<T, CancellationToken, Task<TResult>> call, CancellationToken ct)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = Degree, CancellationToken = ct },
            async (i, token) => results[i] = await call(items[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    public static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> call, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Degree, CancellationToken = ct }, call);
}
