using System.Text.Json;
using VpceProbe.Harness.Reports.Runs;

namespace VpceProbe.Harness.Tests.Reports.Runs;

public class JsonReportWriterTests
{
    [Fact]
    public void json_report_matches_its_golden_file()
    {
        Golden.AssertMatches("report.json", Render());
    }

    [Fact]
    public void json_report_starts_with_its_schema_version_and_keeps_every_agent_report()
    {
        using var doc = JsonDocument.Parse(Render());
        var root = doc.RootElement;
        Assert.Equal("schemaVersion", root.EnumerateObject().First().Name);
        Assert.Equal(JsonReportWriter.SchemaVersion, root.GetProperty("schemaVersion").GetInt32());
        var baseline = root.GetProperty("phases")[0];
        Assert.Equal("public", baseline.GetProperty("runs")[0].GetProperty("report").GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Equal("undeliverable", root.GetProperty("phases")[1].GetProperty("runs")[1].GetProperty("status").GetString());
        Assert.Equal("access_denied", root.GetProperty("phases")[2].GetProperty("cells")[0].GetProperty("failureKind").GetString());
        Assert.Equal("rolled_back", root.GetProperty("changes")[0].GetProperty("status").GetString());
    }

    private static string Render()
    {
        var writer = new StringWriter { NewLine = "\n" };
        new JsonReportWriter().Write(SampleRun.Create(), writer);
        return writer.ToString();
    }
}
