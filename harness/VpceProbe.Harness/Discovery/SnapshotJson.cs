using System.Text.Json;
using System.Text.Json.Serialization;

namespace VpceProbe.Harness.Discovery;

/// <summary>`discover --json`: the snapshot as it is, camelCase, enums as strings, for machines.</summary>
internal static class SnapshotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(VpcSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static VpcSnapshot? Deserialize(string json) => JsonSerializer.Deserialize<VpcSnapshot>(json, Options);
}
