using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Verdicts;

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

    [Fact]
    public void markdown_says_the_run_error_in_one_line_at_the_top()
    {
        var writer = new StringWriter { NewLine = "\n" };
        new MarkdownReportWriter().Write(SampleRun.Create() with { Error = new RunError(RunErrorKind.Interrupted, "interrupted (Ctrl-C or SIGTERM); the run rolled back") }, writer);

        var lines = writer.ToString().Split('\n');
        Assert.Equal("> **RUN ERROR (interrupted): interrupted (Ctrl-C or SIGTERM); the run rolled back**", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.StartsWith("## VpceProbe", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("RUN ERROR", Render(), StringComparison.Ordinal);
    }

    private static string Render()
    {
        var writer = new StringWriter { NewLine = "\n" };
        new MarkdownReportWriter().Write(SampleRun.Create(), writer);
        return writer.ToString();
    }
}
