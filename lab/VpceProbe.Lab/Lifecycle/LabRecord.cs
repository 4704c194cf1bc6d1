using System.Text.Json;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// /run/vpceprobe-lab/NAME/state.json: what `lab down` and `lab status` need to find the lab's processes
/// (PIDs), where it listens, and what was seeded. Written atomically; the daemon and `lab up` both write it.
/// </summary>
internal sealed record LabRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public required string Name { get; init; }

    public required string Topology { get; init; }

    public required string GatewayUrl { get; init; }

    public int? DaemonPid { get; init; }

    public int? MotoPid { get; init; }

    public int? MotoPort { get; init; }

    /// <summary>The daemon has its data plane and gateway up and answers on <see cref="GatewayUrl"/>.</summary>
    public bool Ready { get; init; }

    /// <summary>Why the daemon stopped before it was ready.</summary>
    public string? Error { get; init; }

    public SeededTopology? Seeded { get; init; }

    public static string PathFor(LabNames names) => System.IO.Path.Combine(names.StateDirectory, "state.json");

    public static LabRecord? Read(LabNames names)
    {
        var path = PathFor(names);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<LabRecord>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null; // half-written by a crashed process: `lab down` works from the prefix instead
        }
    }

    public void Write(LabNames names)
    {
        var path = PathFor(names);
        var temporary = path + ".new";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
