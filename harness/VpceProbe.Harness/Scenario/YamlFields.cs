using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// Reads one YAML mapping field by field, collecting errors with line numbers instead of throwing,
/// and reports keys nobody asked for: a typo such as "servce" must not be silently ignored.
/// </summary>
internal sealed class YamlFields(YamlMappingNode node, string file, List<ScenarioError> errors, string where)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public int Line => LineOf(node);

    public string File => file;

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public string? String(string key) => Node(key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        var other => Error<string>(other, $"{where}.{key} must be a single value"),
    };

    public int? Int(string key) => String(key) switch
    {
        null => null,
        var s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        var s => Error<int?>(Node(key)!, $"{where}.{key}: '{s}' is not a whole number"),
    };

    public bool? Bool(string key) => String(key) switch
    {
        null => null,
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var s => Error<bool?>(Node(key)!, $"{where}.{key}: '{s}' is not true or false"),
    };

    public IReadOnlyList<string> Strings(string key) => Node(key) switch
    {
        null => [],
        YamlSequenceNode seq => [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")],
        YamlScalarNode s => [s.Value ?? ""],
        var other => Error<IReadOnlyList<string>>(other, $"{where}.{key} must be a list of values") ?? [],
    };

    public YamlSequenceNode? Sequence(string key) => Node(key) switch
    {
        null => null,
        YamlSequenceNode seq => seq,
        var other => Error<YamlSequenceNode>(other, $"{where}.{key} must be a list"),
    };

    public YamlMappingNode? Mapping(string key) => Node(key) switch
    {
        null => null,
        YamlMappingNode map => map,
        var other => Error<YamlMappingNode>(other, $"{where}.{key} must be a mapping (key: value lines)"),
    };

    public void Require(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(file, Line, $"{where}.{key} is required"));
        }
    }

    /// <summary>Call last: every key not read so far is an error.</summary>
    public void RejectUnknown(params IEnumerable<string> allowed)
    {
        var known = allowed.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_read.Contains(name) && !known.Contains(name))
            {
                errors.Add(new(file, LineOf(key), $"{where}: unknown field '{name}'"));
            }
        }
    }

    public T? Error<T>(YamlNode at, string message)
    {
        errors.Add(new(file, LineOf(at), message));
        return default;
    }
}
