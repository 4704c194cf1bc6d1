namespace VpceProbe.Lab.Topology;

/// <summary>
/// What the seeders made so far, shared between them (some run in parallel): later families find earlier ones'
/// ids by kind and name. Each seeder records its resources in the topology's order once its calls are done.
/// </summary>
internal sealed class SeedLedger
{
    private readonly Lock _lock = new();
    private readonly List<SeededResource> _made = [];

    public void Add(string kind, string name, string id, string? sourceId = null)
    {
        lock (_lock)
        {
            _made.Add(new SeededResource(kind, name, id) { SourceId = sourceId });
        }
    }

    /// <summary>A family's resources, made in parallel, recorded in the topology's order.</summary>
    public void AddAll<T>(string kind, IReadOnlyList<T> specs, IReadOnlyList<string> ids, Func<T, string> name, Func<T, string?> sourceId)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            Add(kind, name(specs[i]), ids[i], sourceId(specs[i]));
        }
    }

    public string Id(string kind, string name)
    {
        lock (_lock)
        {
            return _made.FirstOrDefault(r => r.Kind == kind && r.Name == name)?.Id
                ?? throw new InvalidOperationException($"seeding order: {kind} '{name}' is needed before it was made");
        }
    }

    public IReadOnlyList<SeededResource> All()
    {
        lock (_lock)
        {
            return [.. _made];
        }
    }
}
