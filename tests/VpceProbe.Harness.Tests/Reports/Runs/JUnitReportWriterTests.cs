using System.Xml.Linq;
using System.Xml.Schema;
using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Reports.Runs;

public class JUnitReportWriterTests
{
    [Fact]
    public void junit_report_matches_its_golden_file()
    {
        Golden.AssertMatches("report.xml", Render());
    }

    [Fact]
    public void junit_report_validates_against_the_jenkins_junit_schema()
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Golden.SourcePath("Schema/junit-10.xsd"));
        var problems = new List<string>();
        XDocument.Parse(Render()).Validate(schemas, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
        Assert.Empty(problems);
    }

    [Fact]
    public void schema_validation_rejects_a_testcase_without_a_name()
    {
        // Proves the validation above can fail: the schema requires testcase/@name.
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Golden.SourcePath("Schema/junit-10.xsd"));
        var bad = XDocument.Parse("<testsuites><testsuite name='p' tests='1' failures='0' errors='0'><testcase classname='p'/></testsuite></testsuites>");
        Assert.Throws<XmlSchemaValidationException>(() => bad.Validate(schemas, null));
    }

    [Fact]
    public void junit_report_has_one_testcase_per_phase_probe_and_instance_with_failures_and_errors()
    {
        var doc = XDocument.Parse(Render());
        var cases = doc.Descendants("testcase").ToList();
        Assert.Equal(7, cases.Count);
        var secretA = cases.Single(c => (string?)c.Attribute("name") == "secret@i-0a1b2c3d4e5f60001");
        Assert.Equal("endpoints", (string?)secretA.Attribute("classname"));
        var failure = secretA.Element("failure")!;
        Assert.Equal("timeout", (string?)failure.Attribute("type"));
        Assert.Equal("expected allowed, observed unreachable (timeout)", (string?)failure.Attribute("message"));
        Assert.Contains("expected: allowed", failure.Value, StringComparison.Ordinal);

        // The agent that never reported in nat-removed is an error testcase of its own.
        var undelivered = cases.Single(c => (string?)c.Attribute("name") == "agent@i-0a1b2c3d4e5f60002");
        Assert.Equal("undeliverable", (string?)undelivered.Element("error")!.Attribute("type"));
        Assert.Equal("2", (string?)doc.Root!.Attribute("errors"));
        Assert.Equal("1", (string?)doc.Root!.Attribute("failures"));
    }

    [Fact]
    public void a_run_error_is_an_error_testcase_of_its_own_so_ci_goes_red()
    {
        var result = SampleRun.Create() with
        {
            Error = new RunError(RunErrorKind.RollbackIncomplete, "rollback incomplete: 1 change left"),
            LeftBehind = "route missing: rtb-0bb 0.0.0.0/0 → nat-0aa\nfinish with: vpceprobe rollback run-1",
        };
        var writer = new StringWriter { NewLine = "\n" };
        new JUnitReportWriter().Write(result, writer);

        var doc = XDocument.Parse(writer.ToString());
        var suite = Assert.Single(doc.Descendants("testsuite"), s => (string?)s.Attribute("name") == "run");
        var error = Assert.Single(suite.Descendants("testcase")).Element("error")!;
        Assert.Equal("rollback_incomplete", (string?)error.Attribute("type"));
        Assert.Equal("rollback incomplete: 1 change left", (string?)error.Attribute("message"));
        Assert.Contains("finish with: vpceprobe rollback run-1", error.Value, StringComparison.Ordinal);
        Assert.Equal("3", (string?)doc.Root!.Attribute("errors")); // the sample's 2, and the run's own
        Assert.DoesNotContain(XDocument.Parse(Render()).Descendants("testsuite"), s => (string?)s.Attribute("name") == "run");
    }

    private static string Render()
    {
        var writer = new StringWriter { NewLine = "\n" };
        new JUnitReportWriter().Write(SampleRun.Create(), writer);
        return writer.ToString();
    }
}
