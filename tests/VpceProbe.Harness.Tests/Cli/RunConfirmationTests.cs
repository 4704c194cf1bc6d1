using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Cli;

public class RunConfirmationTests
{
    private static readonly ChangeRecord Remove = new("private", "remove-nat-routes", "rtb-1", "delete route 0.0.0.0/0 → nat-1 from rtb-1", ChangeStatus.Planned);
    private static readonly ChangeRecord Adopt = new("private", "adopt-endpoint", "vpce-1", "use the existing interface endpoint vpce-1", ChangeStatus.Kept);

    [Fact]
    public void an_adoption_is_not_counted_as_a_change()
    {
        var output = new StringWriter();

        Assert.True(RunCommand.Confirm([Remove, Adopt], yes: false, "vpc-1", output, new StringReader("y\n")));
        Assert.Contains("Apply these 1 change(s) to vpc-1?", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void a_scenario_that_changes_nothing_needs_no_yes()
    {
        Assert.True(RunCommand.Confirm([], yes: false, "vpc-1", new StringWriter(), terminal: null));
        Assert.True(RunCommand.Confirm([Adopt], yes: false, "vpc-1", new StringWriter(), terminal: null));
    }

    [Fact]
    public void declining_says_nothing_was_changed()
    {
        var output = new StringWriter();

        Assert.False(RunCommand.Confirm([Remove], yes: false, "vpc-1", output, new StringReader("n\n")));
        Assert.Contains("not confirmed: nothing was changed", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void without_a_terminal_or_yes_a_change_is_refused()
    {
        var output = new StringWriter();

        Assert.False(RunCommand.Confirm([Remove], yes: false, "vpc-1", output, terminal: null));
        Assert.Contains("refusing to change the VPC without --yes", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task rollback_help_gives_the_journal_as_the_region_default_and_no_report_formats()
    {
        var help = System.Text.RegularExpressions.Regex.Replace((await Support.CliRun.InvokeAsync(["rollback", "--help"])).Output, @"\s+", " ");

        Assert.Contains("AWS region (default: the run's, from its journal)", help, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS_DEFAULT_REGION", help, StringComparison.Ordinal);
        Assert.DoesNotContain("junit", help, StringComparison.Ordinal);
        foreach (var command in new[] { "discover", "cost" })
        {
            Assert.DoesNotContain("--output-dir", (await Support.CliRun.InvokeAsync([command, "--help"])).Output, StringComparison.Ordinal);
        }
    }
}
