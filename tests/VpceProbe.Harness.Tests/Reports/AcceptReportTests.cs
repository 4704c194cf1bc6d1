using System.Xml.Linq;
using System.Xml.Schema;
using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Reports.Runs;

namespace VpceProbe.Harness.Tests.Reports;

/// <summary>The report formats on an `accept --compare` run: the reasons and the comparison in each, golden files for the machine formats.</summary>
public class AcceptReportTests
{
    [Theory]
    [InlineData("json", "accept-report.json")]
    [InlineData("markdown", "accept-report.md")]
    [InlineData("junit", "accept-report.xml")]
    public void each_file_format_matches_its_golden_file(string format, string golden) => Golden.AssertMatches(golden, Render(format));

    [Fact]
    public void the_comparison_matches_the_replaced_instance_by_subnet_and_name_and_puts_the_regression_first()
    {
        var comparison = SampleAccept.Create().Comparison!;

        Assert.Equal(["regression", "changed", "new", "gone", "unchanged"], comparison.Cells.Select(c => ReportText.WireName(c.Category)));
        Assert.All(comparison.Cells.Where(c => c.Before is not null && c.After is not null), c => Assert.Equal("i-0a1b2c3d4e5f60009", c.SavedInstanceId));
        Assert.Equal("i-0a1b2c3d4e5f60009", comparison.Cells[0].SavedInstanceId);
    }

    [Fact]
    public void junit_with_a_comparison_still_validates_and_the_regression_is_its_only_failure()
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Golden.SourcePath("Runs/Schema/junit-10.xsd"));
        var doc = XDocument.Parse(Render("junit"));
        var problems = new List<string>();
        doc.Validate(schemas, (_, e) => problems.Add(e.Message));

        Assert.Empty(problems);
        var suite = doc.Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "comparison");
        Assert.Equal(("5", "1"), ((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures")));
        Assert.Equal("secret@i-0a1b2c3d4e5f60001 (was i-0a1b2c3d4e5f60009)", (string?)suite.Descendants("failure").Single().Parent!.Attribute("name"));
    }

    [Fact]
    public void markdown_and_console_say_why_each_probe_was_derived()
    {
        Assert.Contains("| Why |", Render("markdown"), StringComparison.Ordinal);
        var console = Render("table");
        Assert.Contains("Why", console, StringComparison.Ordinal);
        Assert.Contains("Compared with before.json", console, StringComparison.Ordinal);
        Assert.Contains("1 regression, 0 fixed, 1 changed, 1 new, 1 gone, 1 unchanged", console, StringComparison.Ordinal);
    }

    [Fact]
    public void a_run_without_reasons_or_comparison_has_no_why_column_and_no_comparison_section()
    {
        var markdown = new StringWriter();
        new MarkdownReportWriter().Write(SampleRun.Create(), markdown);

        Assert.DoesNotContain("Why", markdown.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Comparison", markdown.ToString(), StringComparison.Ordinal);
    }

    private static string Render(string format)
    {
        var writer = new StringWriter();
        ReportCatalog.Run.Choose([format])[0].Write(SampleAccept.Create(), writer);
        return writer.ToString();
    }
}
