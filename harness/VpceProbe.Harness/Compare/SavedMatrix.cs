using System.Text.Json;
using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Compare;

/// <summary>
/// A matrix saved by --save: the JSON report itself (schemaVersion first), so any report.json can be compared
/// with too. Only what a comparison needs is read: the run id and start, every phase's cells, the instances.
/// </summary>
internal sealed record SavedMatrix(string RunId, DateTimeOffset StartedAt, IReadOnlyList<MatrixCell> Cells, IReadOnlyList<InstanceIdentity> Instances)
{
    /// <exception cref="InvalidDataException">Not JSON, another schema version, or not a vpceprobe report: the message says which.</exception>
    public static SavedMatrix Read(string path, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new InvalidDataException($"{path}: not a saved vpceprobe matrix (no schemaVersion): save one with --save FILE");
            }

            if (version.GetInt32() != JsonReportWriter.SchemaVersion)
            {
                throw new InvalidDataException($"{path}: schemaVersion {version.GetInt32()} is not one this vpceprobe reads ({JsonReportWriter.SchemaVersion}): save the matrix again");
            }

            if (!root.TryGetProperty("phases", out var phases) || phases.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path}: not a saved vpceprobe matrix (no phases)");
            }

            var cells = phases.EnumerateArray()
                .SelectMany(p => p.TryGetProperty("cells", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray() : throw new InvalidDataException($"{path}: a phase without cells"))
                .Select(c => c.Deserialize<MatrixCell>(JsonReportWriter.Options) ?? throw new InvalidDataException($"{path}: a null cell"))
                .ToList();
            var instances = root.TryGetProperty("instances", out var i) && i.ValueKind == JsonValueKind.Array
                ? i.Deserialize<List<InstanceIdentity>>(JsonReportWriter.Options) ?? []
                : [];
            var runId = root.TryGetProperty("runId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "unknown";
            var started = root.TryGetProperty("startedAt", out var at) && at.TryGetDateTimeOffset(out var when) ? when : default;
            return new SavedMatrix(runId, started, cells, instances);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Inputs.JsonInput.Describe(path, e)} (not a saved vpceprobe matrix: save one with --save FILE)", e);
        }
    }
}
