using System.Text.Encodings.Web;
using System.Text.Json;
using VpceProbe.Harness.Audit;

namespace VpceProbe.Harness.Reports.Audits;

/// <summary>
/// `--format sarif`: SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) so code-scanning
/// dashboards can show the findings. Every rule is listed in tool.driver.rules; each result names its rule by id
/// and index and points at the AWS resource through a logical location (there is no source file to point at).
/// </summary>
internal sealed class SarifAuditWriter : IReportWriter<AuditReport>
{
    private const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public ReportFormat Format => ReportFormat.Sarif;

    public string FileName => "audit.sarif";

    public string Description => "SARIF 2.1.0, for code-scanning dashboards";

    public void Write(AuditReport report, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(report, json);
            json.WriteStartObject("automationDetails");
            json.WriteString("id", $"vpceprobe-audit/{report.Region}/{report.VpcId}/");
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                WriteResult(report, finding, json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTool(AuditReport report, Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "vpceprobe");
        json.WriteString("semanticVersion", typeof(SarifAuditWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteStartArray("rules");
        foreach (var rule in report.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            WriteText(json, "shortDescription", rule.Summary);
            WriteText(json, "fullDescription", $"{rule.Summary} (default severity: {SeverityNames.Name(rule.DefaultSeverity)}).");
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", SeverityNames.SarifLevel(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("security-severity", SeverityNames.SecuritySeverity(rule.DefaultSeverity));
            json.WriteStartArray("tags");
            json.WriteStringValue("aws");
            json.WriteStringValue("vpc");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(AuditReport report, Finding finding, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        var index = report.Rules.ToList().FindIndex(r => r.Id == finding.RuleId);
        if (index >= 0)
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", SeverityNames.SarifLevel(finding.Severity));
        WriteText(json, "message", $"{finding.What}. Why it matters: {finding.Why} How to fix: {finding.Fix}");
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", finding.Resource);
        json.WriteString("fullyQualifiedName", $"{report.Region}/{report.VpcId}/{finding.Resource}");
        json.WriteString("kind", "resource");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteString("severity", SeverityNames.Name(finding.Severity));
        json.WriteString("resourceType", finding.ResourceType);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
