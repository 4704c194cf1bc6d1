using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Reports.Runs;

public class ConsoleReportWriterTests
{
    [Fact]
    public void console_report_shows_the_matrix_with_expected_observed_and_kind()
    {
        var text = Render();
        var row = text.Split('\n').Single(l => l.Contains("secret", StringComparison.Ordinal) && l.Contains("i-0a1b2c3d4e5f60001", StringComparison.Ordinal));
        Assert.Contains("endpoints", row, StringComparison.Ordinal);
        Assert.Contains("allowed", row, StringComparison.Ordinal);
        Assert.Contains("unreachable", row, StringComparison.Ordinal);
        Assert.Contains("timeout", row, StringComparison.Ordinal);
        Assert.Contains("FAIL", row, StringComparison.Ordinal);
        Assert.Equal(6, text.Split('\n').Count(l => l.Contains("i-0a1b2c3d4e5f6000", StringComparison.Ordinal) && l.Contains('│')));
    }

    [Fact]
    public void console_report_gives_an_account_of_changes_troubled_agents_and_the_verdict()
    {
        var text = Render();
        Assert.Contains("[nat-removed] remove-nat-routes rtb-0bb 0.0.0.0/0: default route to nat-0aa removed (rolled_back)", text, StringComparison.Ordinal);
        Assert.Contains("agent on i-0a1b2c3d4e5f60002: undeliverable", text, StringComparison.Ordinal);
        Assert.Contains("FAIL exit 1: 4 of 6 checks met", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Fact]
    public void console_says_that_the_post_run_verification_passed_and_only_then()
    {
        Assert.Contains("Verified after cleanup: every route and endpoint is as before the run", Render(), StringComparison.Ordinal);

        var left = new StringWriter { NewLine = "\n" };
        new ConsoleReportWriter().Write(SampleRun.Create() with { LeftBehind = "route missing: rtb-0bb 0.0.0.0/0 → nat-0aa" }, left);
        Assert.DoesNotContain("Verified", left.ToString(), StringComparison.Ordinal);

        var keeping = new StringWriter { NewLine = "\n" };
        new ConsoleReportWriter(width: 300).Write(SampleRun.Create() with { Kept = ["vpce-0dd (create-endpoint), kept as the scenario asks (keep: true)"] }, keeping);
        Assert.Contains("as before the run, except what was kept: vpce-0dd (create-endpoint)", keeping.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("except what was kept", Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void console_says_the_run_error_in_one_line_at_the_top()
    {
        var writer = new StringWriter { NewLine = "\n" };
        new ConsoleReportWriter(width: 200).Write(SampleRun.Create() with { Error = new RunError(RunErrorKind.AwsError, "AWS error UnauthorizedOperation: not allowed") }, writer);

        var lines = writer.ToString().Split('\n');
        Assert.Equal("RUN ERROR (aws_error): AWS error UnauthorizedOperation: not allowed", lines[0]);
        Assert.StartsWith("vpceprobe ", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("RUN ERROR", Render(), StringComparison.Ordinal);
    }

    private static string Render()
    {
        var writer = new StringWriter { NewLine = "\n" };
        new ConsoleReportWriter().Write(SampleRun.Create(), writer);
        return writer.ToString();
    }
}
