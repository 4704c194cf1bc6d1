using System.Globalization;
using VpceProbe.Contract;
using YamlDotNet.RepresentationModel;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// Reads one YAML mapping field by field, collecting errors with line and column instead of throwing,
/// and reports keys nobody asked for: a typo such as "servce" must not be silently ignored.
/// </summary>
internal sealed class YamlFields(YamlMappingNode node, string file, List<ScenarioError> errors, string where) : IFieldReader
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    public int Line => LineOf(node);

    public SourcePosition Position => PositionOf(node);

    public string File => file;

    /// <summary>Fields whose value was refused while reading (a list where a value goes): later checks say nothing more of them.</summary>
    public IReadOnlySet<string> Refused => _refused;

    /// <summary>Where each field read so far was written (its value), for checks made after reading.</summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions => _positions;

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public static SourcePosition PositionOf(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return null;
        }

        _positions[key] = PositionOf(value);
        return value;
    }

    public string? String(string key) => Node(key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        var other => Refuse<string>(key, other, $"{where}.{key} must be a single value, not a list or mapping"),
    };

    public int? Int(string key) => String(key) switch
    {
        null => null,
        var s when int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        var s => Refuse<int?>(key, Node(key)!, $"{where}.{key}: {Printable.Quote(s)} is not a whole number"),
    };

    public bool? Bool(string key) => String(key) switch
    {
        null => null,
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var s => Refuse<bool?>(key, Node(key)!, $"{where}.{key}: {Printable.Quote(s)} is not true or false"),
    };

    public IReadOnlyList<string> Strings(string key)
    {
        switch (Node(key))
        {
            case null:
                return [];
            case YamlScalarNode s:
                return [s.Value ?? ""];
            case YamlSequenceNode seq:
                var values = new List<string>();
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode scalar)
                    {
                        values.Add(scalar.Value ?? "");
                    }
                    else
                    {
                        Refuse(key, item, $"{where}.{key}: each item must be a single value, not a list or mapping");
                    }
                }

                return values;
            case var other:
                return Refuse<IReadOnlyList<string>>(key, other, $"{where}.{key} must be a list of values") ?? [];
        }
    }

    public YamlSequenceNode? Sequence(string key) => Node(key) switch
    {
        null => null,
        YamlSequenceNode seq => seq,
        var other => Refuse<YamlSequenceNode>(key, other, $"{where}.{key} must be a list ('- ' items)"),
    };

    public YamlMappingNode? Mapping(string key) => Node(key) switch
    {
        null => null,
        YamlMappingNode map => map,
        var other => Refuse<YamlMappingNode>(key, other, $"{where}.{key} must be a mapping (key: value lines)"),
    };

    /// <summary>An error when the field is absent or empty, unless reading it already gave one (a list where a value goes).</summary>
    public void Require(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) || _refused.Contains(key))
        {
            return;
        }

        errors.Add(_positions.TryGetValue(key, out var at)
            ? new(file, at, $"{where}.{key} must not be empty")
            : new(file, Position, $"{where}.{key} is required"));
    }

    /// <summary>Call last: every key not read so far is an error.</summary>
    public void RejectUnknown(params IEnumerable<string> allowed)
    {
        var known = allowed.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null)
            {
                errors.Add(new(file, PositionOf(key), $"{where}: a key must be a plain name, not a list or mapping"));
            }
            else if (!_read.Contains(name) && !known.Contains(name))
            {
                errors.Add(new(file, PositionOf(key), $"{where}: unknown field {Printable.Quote(name)}; use {string.Join(", ", _read)}"));
            }
        }
    }

    private T? Refuse<T>(string key, YamlNode at, string message)
    {
        _refused.Add(key);
        return Error<T>(at, message);
    }

    private void Refuse(string key, YamlNode at, string message) => Refuse<string>(key, at, message);

    public T? Error<T>(YamlNode at, string message)
    {
        errors.Add(new(file, PositionOf(at), message));
        return default;
    }
}
