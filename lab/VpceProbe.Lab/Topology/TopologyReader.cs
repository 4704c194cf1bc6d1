using System.Text.Json;

namespace VpceProbe.Lab.Topology;

/// <summary>A topology read from a file or a built-in name: the topology when valid, else every error found.</summary>
internal sealed record TopologyReadResult(LabTopology? Topology, IReadOnlyList<TopologyError> Errors, string Origin)
{
    public bool IsValid => Topology is not null;
}

/// <summary>
/// Reads `--topology NAME|FILE`: a built-in topology's name (embedded lab/topologies/NAME.json) or a path to a
/// file. Nothing is trusted: the document's shape is checked (<see cref="TopologyShape"/>), then what it means
/// (<see cref="TopologyValidator"/>); all errors come back together, each with its JSON path.
/// </summary>
internal static class TopologyReader
{
    /// <summary>Larger files are refused before parsing (a fleet of 200 instances is a few tens of KB).</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 };

    /// <summary>The topologies shipped with the lab (embedded resources named topologies/NAME.json).</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        [.. typeof(LabTopology).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("topologies/", StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n))
            .Order(StringComparer.Ordinal)];

    /// <summary>A built-in name, else a file path.</summary>
    public static TopologyReadResult Read(string nameOrFile)
    {
        if (BuiltIn.Contains(nameOrFile))
        {
            return Load(nameOrFile);
        }

        if (!File.Exists(nameOrFile))
        {
            return Failed(nameOrFile, $"no built-in topology '{nameOrFile}' (built-in: {string.Join(", ", BuiltIn)}) and no such file");
        }

        var length = new FileInfo(nameOrFile).Length;
        if (length > MaxFileBytes)
        {
            return Failed(nameOrFile, $"the file is {length} bytes; a topology is at most {MaxFileBytes}");
        }

        return TopologyText.Decode(File.ReadAllBytes(nameOrFile), out var text) is { } problem
            ? Failed(nameOrFile, problem)
            : Parse(text, nameOrFile);
    }

    /// <summary>A built-in topology.</summary>
    public static TopologyReadResult Load(string name)
    {
        using var stream = typeof(LabTopology).Assembly.GetManifestResourceStream($"topologies/{name}.json");
        if (stream is null)
        {
            return Failed(name, $"no built-in topology '{name}' (built-in: {string.Join(", ", BuiltIn)})");
        }

        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name);
    }

    public static TopologyReadResult Parse(string json, string origin)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Failed(origin, TopologyText.Describe(e));
        }

        using (document)
        {
            var errors = new TopologyErrors();
            if (!TopologyShape.Check(document.RootElement, errors))
            {
                return new TopologyReadResult(null, errors.All, origin);
            }

            var topology = document.RootElement.Deserialize<LabTopology>(Json)!;
            TopologyValidator.Validate(topology, errors);
            return new TopologyReadResult(errors.All.Count == 0 ? topology : null, errors.All, origin);
        }
    }

    /// <summary>The topology as a file (camelCase, indented), as `lab up` keeps it in the lab's state directory.</summary>
    public static string Serialize(LabTopology topology) => JsonSerializer.Serialize(topology, FileJson);

    // A file for people to read and edit (a twin's names and descriptions come from their VPC: "Bob's <prod> VPC"),
    // never embedded in HTML: the relaxed encoder writes ' < > & as they are instead of \u0027, \u003C….
    private static readonly JsonSerializerOptions FileJson = new(Json)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static TopologyReadResult Failed(string origin, string message) => new(null, [new TopologyError("$", message)], origin);
}
