using System.Text.Json;

namespace VpceProbe.Contract;

/// <summary>
/// Reads one JSON object field by field, collecting errors with their JSON path instead of throwing, so a
/// plan with five mistakes gets five messages. A key given twice and a key nobody reads are errors too:
/// "last one wins" and "ignored" both run something the author did not write.
/// </summary>
internal sealed class JsonFields : IFieldReader
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly List<PlanError> _errors;

    public JsonFields(JsonElement node, string path, List<PlanError> errors)
    {
        _path = path;
        _errors = errors;
        foreach (var property in node.EnumerateObject())
        {
            if (!_fields.TryAdd(property.Name, property.Value))
            {
                errors.Add(new(PathOf(property.Name), "appears twice in the same object; give each key once"));
            }
        }
    }

    /// <summary>"probes[0].port"; a key that is not a plain name (empty, spaces, control characters) is quoted: "probes[0]['']".</summary>
    public string PathOf(string key) => (IsPlain(key), _path.Length) switch
    {
        (false, _) => $"{_path}[{Printable.Quote(key)}]",
        (true, 0) => key,
        _ => $"{_path}.{key}",
    };

    private static bool IsPlain(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public JsonElement? Node(string key)
    {
        _read.Add(key);
        return _fields.TryGetValue(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public string? String(string key) => Node(key) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { } other => Wrong<string>(key, other, "a string in double quotes"),
    };

    public int? Int(string key) => Node(key) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var value) => value,
        { } other => Wrong<int?>(key, other, "a whole number"),
    };

    public List<string>? Strings(string key) => Node(key) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } a => [.. a.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : Wrong<string>($"{key}[{i}]", item, "a string in double quotes") ?? "")],
        { } other => Wrong<List<string>>(key, other, "an array of strings"),
    };

    public Dictionary<string, string>? StringMap(string key)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return Wrong<Dictionary<string, string>>(key, node, "an object of strings");
        }

        var map = new JsonFields(node, PathOf(key), _errors);
        return map._fields.Keys.ToDictionary(k => k, k => map.String(k) ?? "", StringComparer.Ordinal);
    }

    /// <param name="placeholder">Stands in for an item that is not an object, so the items after it keep their index.</param>
    public List<T>? Objects<T>(string key, Func<JsonFields, T> read, T placeholder)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        if (node.ValueKind != JsonValueKind.Array)
        {
            return Wrong<List<T>>(key, node, "an array of objects");
        }

        var items = new List<T>();
        var i = 0;
        foreach (var item in node.EnumerateArray())
        {
            var at = $"{PathOf(key)}[{i++}]";
            if (item.ValueKind == JsonValueKind.Object)
            {
                items.Add(read(new JsonFields(item, at, _errors)));
            }
            else
            {
                _errors.Add(new(at, $"is {KindOf(item)}; it must be an object"));
                items.Add(placeholder);
            }
        }

        return items;
    }

    /// <summary>Call last: every key not read so far is an error.</summary>
    public void RejectUnknown(IReadOnlyList<string> known)
    {
        foreach (var key in _fields.Keys.Where(k => !_read.Contains(k)))
        {
            _errors.Add(new(PathOf(key), $"is not a field here; use {string.Join(", ", known)}"));
        }
    }

    private T? Wrong<T>(string key, JsonElement value, string expected)
    {
        _errors.Add(new(PathOf(key), $"is {KindOf(value)}; it must be {expected}"));
        return default;
    }

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Printable.Quote(value.GetString())}",
        JsonValueKind.Number => $"the number {Printable.Quote(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        _ => "null",
    };
}
