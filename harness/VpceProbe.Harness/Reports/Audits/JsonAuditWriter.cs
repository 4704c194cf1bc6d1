using System.Text.Encodings.Web;
using System.Text.Json;
using VpceProbe.Harness.Audit;

namespace VpceProbe.Harness.Reports.Audits;

/// <summary>
/// `--format json`: every finding and every rule checked, schema version 1. Field names and meanings only
/// change with the schema version; new fields may be added.
/// </summary>
internal sealed class JsonAuditWriter : IReportWriter<AuditReport>
{
    public const int SchemaVersion = 1;

    public ReportFormat Format => ReportFormat.Json;

    public string FileName => "audit.json";

    public string Description => "findings and rules as JSON (schema version 1), for scripts";

    public void Write(AuditReport report, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("vpcId", report.VpcId);
            json.WriteString("region", report.Region);
            json.WriteStartObject("counts");
            foreach (var severity in Enum.GetValues<Severity>().Reverse())
            {
                json.WriteNumber(SeverityNames.Name(severity), report.Findings.Count(f => f.Severity == severity));
            }

            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", f.RuleId);
                json.WriteString("ruleName", report.Rules.FirstOrDefault(r => r.Id == f.RuleId)?.Name);
                json.WriteString("severity", SeverityNames.Name(f.Severity));
                json.WriteString("resource", f.Resource);
                json.WriteString("resourceType", f.ResourceType);
                json.WriteString("what", f.What);
                json.WriteString("why", f.Why);
                json.WriteString("fix", f.Fix);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("rules");
            foreach (var r in report.Rules)
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                json.WriteString("name", r.Name);
                json.WriteString("summary", r.Summary);
                json.WriteString("defaultSeverity", SeverityNames.Name(r.DefaultSeverity));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
