using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>`probe` with the local transport: the published agent on this machine, the instances asked of EC2 in moto first.</summary>
public class ProbeCommandTests(MotoFixture moto)
{
    private const string ClosedPortPlan = """{"schemaVersion":1,"probes":[{"id":"closed","kind":"tcp","host":"127.0.0.1","port":1,"expect":"unreachable"}]}""";

    private async Task<(CliRun Run, string Dir)> ProbeAsync(string planJson, params string[] instances)
    {
        var dir = Directory.CreateTempSubdirectory("vpceprobe-probe-").FullName;
        var plan = Path.Combine(dir, "plan.json");
        await File.WriteAllTextAsync(plan, planJson, TestContext.Current.CancellationToken);
        if (instances.Length == 0)
        {
            instances = [await VpcSeed.LoneInstanceAsync(moto)];
        }

        var run = await CliRun.InvokeAsync(["probe", "--instance", .. instances, "--plan", plan, "--transport", "local", "--agent", AgentBinary.Path,
            "--output-dir", Path.Combine(dir, "out"), .. moto.CliArgs]);
        return (run, dir);
    }

    [Theory]
    [InlineData("unreachable", ExitCodes.Success)]
    [InlineData("reachable", ExitCodes.ExpectationFailed)]
    public async Task one_agent_run_with_the_plan_gives_the_verdict_as_exit_code(string expect, int exitCode)
    {
        var (run, _) = await ProbeAsync(ClosedPortPlan.Replace("\"unreachable\"", $"\"{expect}\"", StringComparison.Ordinal));

        Assert.True(run.ExitCode == exitCode, run.Output + run.Error);
        Assert.Contains("closed", run.Output, StringComparison.Ordinal);
        Assert.Contains("report.json", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_bad_plan_is_refused_before_the_agent_runs()
    {
        var (run, _) = await ProbeAsync("""{"schemaVersion":1,"probes":[{"id":"a","kind":"tcp","host":"127.0.0.1","expect":"reachable"}]}""");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("probes[0].port", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_instance_ec2_does_not_have_is_a_usage_error_even_with_the_local_transport_and_no_agent_runs()
    {
        var real = await VpcSeed.LoneInstanceAsync(moto);

        var (run, dir) = await ProbeAsync(ClosedPortPlan, real, "i-0123456789abcdef0");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.Output + run.Error);
        Assert.Contains("--instance:", run.Error, StringComparison.Ordinal);
        Assert.Contains("i-0123456789abcdef0", run.Error, StringComparison.Ordinal);
        Assert.Contains("InvalidInstanceID.NotFound", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")), "no report: the agent did not run");
    }

    [Fact]
    public async Task a_terminated_instance_is_a_usage_error()
    {
        var instance = await VpcSeed.LoneInstanceAsync(moto);
        using var ec2 = moto.Clients.Ec2();
        await ec2.TerminateInstancesAsync(new() { InstanceIds = [instance] }, TestContext.Current.CancellationToken);

        var (run, dir) = await ProbeAsync(ClosedPortPlan, instance);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.Output + run.Error);
        Assert.Matches($"--instance: {instance} is (terminated|shutting-down); name running instances", run.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
