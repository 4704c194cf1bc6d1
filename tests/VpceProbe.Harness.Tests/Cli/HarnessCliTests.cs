using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cli;

public class HarnessCliTests
{
    [Theory]
    [InlineData("discover")]
    [InlineData("audit", "--vpc")]
    [InlineData("cost", "--vpc", "vpc-1", "--gb-per-month", "lots")]
    [InlineData("no-such-command")]
    public async Task a_parse_error_is_a_usage_error_exit_2(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public async Task help_is_not_an_error()
    {
        var run = await CliRun.InvokeAsync(["audit", "--help"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("--fail-on", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task anything_no_command_handles_exits_3_with_one_line_and_the_stack_only_with_verbose(bool verbose)
    {
        var root = new RootCommand();
        root.Options.Add(HarnessCli.VerboseOption());
        var broken = new Command("broken");
        broken.SetAction(_ => Fail());
        root.Subcommands.Add(broken);
        var output = new StringWriter();
        var error = new StringWriter { NewLine = "\n" };

        var code = await HarnessCli.InvokeAsync(root, verbose ? ["broken", "--verbose"] : ["broken"], new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Infrastructure, code);
        var lines = error.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal($"internal error (InvalidOperationException): a bug{(verbose ? "" : " (--verbose for the stack trace)")}", lines[0]);
        if (verbose)
        {
            Assert.Contains(lines, l => l.Contains($"at {typeof(HarnessCliTests).FullName}.{nameof(Fail)}", StringComparison.Ordinal));
        }
        else
        {
            Assert.Single(lines);
        }
    }

    private static int Fail() => throw new InvalidOperationException("a bug");
}
