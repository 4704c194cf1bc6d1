namespace VpceProbe.Lab.Twin;

/// <summary>
/// Names for one kind of resource: the Name tag where there is one, else a readable fallback; made unique with
/// -2, -3… because a topology finds everything by name. A real Name that had to change is a note for the person.
/// </summary>
internal sealed class TwinNames(string kind, TwinReport report)
{
    /// <summary>A name must not be empty; longer ones are cut (the lab tags resources with them).</summary>
    private const int MaxLength = 128;

    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byId = new(StringComparer.Ordinal);

    public string Assign(string sourceId, IReadOnlyDictionary<string, string> tags, string fallback) =>
        Assign(sourceId, tags.TryGetValue("Name", out var name) && !string.IsNullOrWhiteSpace(name) ? name.Trim() : null, fallback);

    public string Assign(string sourceId, string? wanted, string fallback)
    {
        var stem = Cut(wanted ?? fallback);
        var name = stem;
        for (var n = 2; !_taken.Add(name); n++)
        {
            name = $"{Cut(stem)}-{n}";
        }

        if (wanted is not null && name != wanted)
        {
            report.Note(sourceId, $"{kind} '{wanted}' is named '{name}' in the twin ({(name == stem ? "too long" : "another one has that name")}; names are unique there)");
        }

        _byId[sourceId] = name;
        return name;
    }

    /// <summary>The twin's name of a real id, when that resource is in the twin.</summary>
    public string? Of(string sourceId) => _byId.GetValueOrDefault(sourceId);

    public bool Has(string sourceId) => _byId.ContainsKey(sourceId);

    private static string Cut(string name) => name.Length <= MaxLength - 4 ? name : name[..(MaxLength - 4)];
}
