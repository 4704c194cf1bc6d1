using System.Text.Json;
using VpceProbe.Harness.Reports.Audits;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Reports.Audits;

public class JsonAuditWriterTests
{
    [Fact]
    public void json_matches_its_golden_file()
    {
        Golden.AssertMatches("audit.json", Write(new JsonAuditWriter()));
    }

    [Fact]
    public void sarif_matches_its_golden_file()
    {
        Golden.AssertMatches("audit.sarif", Write(new SarifAuditWriter()));
    }

    [Fact]
    public void json_counts_each_severity_and_spells_it_in_lower_case()
    {
        using var json = JsonDocument.Parse(Write(new JsonAuditWriter()));

        var counts = json.RootElement.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("high").GetInt32());
        Assert.All(json.RootElement.GetProperty("findings").EnumerateArray(), f =>
            Assert.Contains(f.GetProperty("severity").GetString(), new[] { "info", "low", "medium", "high", "critical" }));
    }

    private static string Write(Harness.Reports.IReportWriter<Harness.Audit.AuditReport> writer)
    {
        var text = new StringWriter();
        writer.Write(SnapshotWithProblems.Report(), text);
        return text.ToString();
    }
}
