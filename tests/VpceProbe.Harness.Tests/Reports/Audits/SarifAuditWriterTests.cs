using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Reports.Audits;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Reports.Audits;

public class SarifAuditWriterTests
{
    private static readonly JsonSchema Schema = LoadSchema();

    [Fact]
    public void sarif_output_validates_against_the_sarif_2_1_0_schema()
    {
        var sarif = Write(SnapshotWithProblems.Report());

        var result = Schema.Evaluate(JsonDocument.Parse(sarif).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, Errors(result));
    }

    [Fact]
    public void every_rule_is_in_the_driver_and_each_result_names_its_rule_level_and_resource()
    {
        var report = SnapshotWithProblems.Report();
        var run = JsonNode.Parse(Write(report))!["runs"]![0]!;

        var rules = run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(AuditRules.All.Select(r => r.Id), rules);
        var results = run["results"]!.AsArray();
        Assert.Equal(report.Findings.Count, results.Count);
        var dns = results.Single(r => r!["ruleId"]!.GetValue<string>() == "VPCE001")!;
        Assert.Equal("error", dns["level"]!.GetValue<string>());
        Assert.Equal(rules.IndexOf("VPCE001"), dns["ruleIndex"]!.GetValue<int>());
        var location = dns["locations"]![0]!["logicalLocations"]![0]!;
        Assert.Equal((SnapshotWithProblems.VpcId, "resource"), (location["name"]!.GetValue<string>(), location["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void the_schema_rejects_a_result_with_an_unknown_level()
    {
        // The control: proves the validation above can fail.
        var node = JsonNode.Parse(Write(SnapshotWithProblems.Report()))!;
        node["runs"]![0]!["results"]![0]!["level"] = "fatal";

        var result = Schema.Evaluate(JsonDocument.Parse(node.ToJsonString()).RootElement);

        Assert.False(result.IsValid);
    }

    private static string Write(AuditReport report)
    {
        var writer = new StringWriter();
        new SarifAuditWriter().Write(report, writer);
        return writer.ToString();
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));

    /// <summary>
    /// The committed schema is byte-for-byte the upstream file. Upstream, definitions.region has its
    /// `anyOf` (startLine, charOffset or byteOffset required) inside `properties`, where a value must be a
    /// schema; strict validators such as JsonSchema.Net refuse to compile that. The OASIS 2.1.0 committee
    /// specification states the same requirement (§3.30.2), so it is moved to where it was meant to be.
    /// </summary>
    private static JsonSchema LoadSchema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath()))!;
        var region = schema["definitions"]!["region"]!.AsObject();
        var properties = region["properties"]!.AsObject();
        if (properties["anyOf"] is JsonArray anyOf)
        {
            properties.Remove("anyOf");
            region["anyOf"] = anyOf;
        }

        return JsonSchema.FromText(schema.ToJsonString());
    }

    // The schema is committed beside this file (see sarif-schema-2.1.0.SOURCE.md).
    private static string SchemaPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "sarif-schema-2.1.0.json");
}
