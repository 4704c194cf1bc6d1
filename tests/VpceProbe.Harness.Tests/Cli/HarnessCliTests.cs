using VpceProbe.Contract;
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
}
