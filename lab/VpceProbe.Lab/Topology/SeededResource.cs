namespace VpceProbe.Lab.Topology;

/// <summary>One resource the seeder made: its kind ("vpc", "subnet", "endpoint"…), its name in the topology, its AWS id.</summary>
internal sealed record SeededResource(string Kind, string Name, string Id)
{
    /// <summary>The real id the topology's resource was twinned from, if any (`sourceId`).</summary>
    public string? SourceId { get; init; }
}

/// <summary>What seeding a topology produced, by kind in seeding order, each kind in the topology's order.</summary>
internal sealed record SeededTopology(string TopologyName, string Region, IReadOnlyList<SeededResource> Resources)
{
    public string VpcId => Id("vpc");

    public string Id(string kind, string? name = null) =>
        Resources.FirstOrDefault(r => r.Kind == kind && (name is null || r.Name == name))?.Id
        ?? throw new KeyNotFoundException($"no {kind} {name} was seeded");

    public IEnumerable<SeededResource> OfKind(string kind) => Resources.Where(r => r.Kind == kind);

    /// <summary>Resources twinned from real ones: sourceId → the lab's id.</summary>
    public IEnumerable<SeededResource> FromSources() => Resources.Where(r => r.SourceId is not null);
}
