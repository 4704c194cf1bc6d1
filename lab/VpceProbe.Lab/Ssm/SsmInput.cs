using System.Text.Json;

namespace VpceProbe.Lab.Ssm;

/// <summary>Typed reads of an SSM JSON request body; absent or mistyped fields read as absent.</summary>
internal sealed class SsmInput(JsonElement root)
{
    public string? String(string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public int? Int(string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public bool Bool(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public IReadOnlyList<string> Strings(string name) => Strings(root, name);

    public JsonElement? Element(string name) => root.TryGetProperty(name, out var v) ? v : null;

    /// <summary>The document parameters: name → list of values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters()
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("Parameters", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in p.EnumerateObject())
            {
                result[property.Name] = Strings(p, property.Name);
            }
        }

        return result;
    }

    public static IReadOnlyList<string> Strings(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
