using VpceProbe.Harness.Reports.Runs;

namespace VpceProbe.Harness.Tests.Reports.Runs;

public class MarkdownReportWriterTests
{
    [Fact]
    public void markdown_report_matches_its_golden_file()
    {
        Golden.AssertMatches("report.md", Render());
    }

    [Fact]
    public void markdown_escapes_pipes_so_a_target_cannot_break_the_table()
    {
        var row = Render().Split('\n').First(l => l.StartsWith("| secret | i-0a1b2c3d4e5f60001", StringComparison.Ordinal));
        Assert.Contains(@"twtech/db \| prod", row, StringComparison.Ordinal);
        // Eight columns: the escaped pipe inside the target did not open a ninth.
        Assert.Equal(8, row.Split(" | ").Length);
    }

    private static string Render()
    {
        var writer = new StringWriter { NewLine = "\n" };
        new MarkdownReportWriter().Write(SampleRun.Create(), writer);
        return writer.ToString();
    }
}
