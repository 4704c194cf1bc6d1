using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

public class ProbeCommandTests
{
    private static async Task<CliRun> ProbeAsync(string planJson)
    {
        var dir = Directory.CreateTempSubdirectory("vpceprobe-probe-").FullName;
        var plan = Path.Combine(dir, "plan.json");
        await File.WriteAllTextAsync(plan, planJson, TestContext.Current.CancellationToken);
        return await CliRun.InvokeAsync(["probe", "--instance", "i-0abc", "--plan", plan, "--transport", "local", "--agent", AgentBinary.Path, "--output-dir", dir]);
    }

    [Theory]
    [InlineData("unreachable", ExitCodes.Success)]
    [InlineData("reachable", ExitCodes.ExpectationFailed)]
    public async Task one_agent_run_with_the_plan_gives_the_verdict_as_exit_code(string expect, int exitCode)
    {
        var run = await ProbeAsync($$"""{"schemaVersion":1,"probes":[{"id":"closed","kind":"tcp","host":"127.0.0.1","port":1,"expect":"{{expect}}"}]}""");

        Assert.True(run.ExitCode == exitCode, run.Output + run.Error);
        Assert.Contains("closed", run.Output, StringComparison.Ordinal);
        Assert.Contains("report.json", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_bad_plan_is_refused_before_the_agent_runs()
    {
        var run = await ProbeAsync("""{"schemaVersion":1,"probes":[{"id":"a","kind":"tcp","host":"127.0.0.1","expect":"reachable"}]}""");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("probes[0].port", run.Error, StringComparison.Ordinal);
    }
}
