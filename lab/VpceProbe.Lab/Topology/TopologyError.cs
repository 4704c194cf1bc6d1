namespace VpceProbe.Lab.Topology;

/// <summary>One thing wrong with a topology file: where (a JSON path such as `subnets[3].routeTable`) and what.</summary>
internal sealed record TopologyError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>The errors found so far, each once, in the order found.</summary>
internal sealed class TopologyErrors
{
    private readonly List<TopologyError> _errors = [];

    public IReadOnlyList<TopologyError> All => _errors;

    public void Add(string path, string message)
    {
        var error = new TopologyError(path, message);
        if (!_errors.Contains(error))
        {
            _errors.Add(error);
        }
    }
}
