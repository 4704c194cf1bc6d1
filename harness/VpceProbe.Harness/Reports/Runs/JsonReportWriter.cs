using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports.Runs;

/// <summary>
/// report.json: everything the run produced (the matrix, every agent run with its full report, the changes),
/// versioned by <see cref="SchemaVersion"/>. A machine format: change it only with a new schema version.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter<RunResult>
{
    /// <summary>Bump when a field is renamed or removed; adding a field keeps the version.</summary>
    public const int SchemaVersion = 1;

    // Enums use the contract's wire names ("no_answer", "dns_timeout"), other enums snake_case, like the agent's JSON.
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,

        // A file for people and jq, never embedded in HTML: keep "+", "→" and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public ReportFormat Format => ReportFormat.Json;

    public string FileName => "report.json";

    public string Description => $"everything: matrix, agent reports, changes (schemaVersion {SchemaVersion})";

    public void Write(RunResult result, TextWriter writer)
    {
        // schemaVersion comes first so a reader can decide how to read the rest before reading it.
        var document = new JsonObject { ["schemaVersion"] = SchemaVersion };
        var body = JsonSerializer.SerializeToNode(result, Options)!.AsObject();
        foreach (var name in body.Select(p => p.Key).ToList())
        {
            var value = body[name];
            body.Remove(name);
            document[name] = value;
        }

        writer.Write(document.ToJsonString(Options));
        writer.Write('\n');
    }
}
