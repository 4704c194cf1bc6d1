using VpceProbe.Contract;
using VpceProbe.Harness.Transport;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Transport;

public class LocalTransportTests
{
    [Fact]
    public async Task the_published_agent_runs_as_a_child_and_its_report_comes_back_per_target()
    {
        var plan = new ProbePlan { Probes = [new ProbeSpec { Id = "closed", Kind = ProbeKinds.Tcp, Host = "127.0.0.1", Port = 1, Expect = Expectations.Unreachable }] };
        var transport = new LocalTransport(AgentBinary.Path, null, TimeSpan.FromMinutes(1));

        var runs = await transport.RunAsync(["i-1", "i-2"], plan, TestContext.Current.CancellationToken);

        Assert.Equal(["i-1", "i-2"], runs.Select(r => r.InstanceId));
        Assert.All(runs, r =>
        {
            Assert.Equal(AgentRunStatus.Completed, r.Status);
            Assert.Equal(ExitCodes.Success, r.ExitCode);
            Assert.Equal(FailureKind.Refused, Assert.Single(r.Report!.Results).FailureKind);
        });
    }

    [Fact]
    public async Task a_missing_agent_is_a_failed_run_not_an_exception()
    {
        var transport = new LocalTransport("/nonexistent/vpceprobe-agent", null, TimeSpan.FromMinutes(1));
        var run = Assert.Single(await transport.RunAsync(["i-1"], new ProbePlan(), TestContext.Current.CancellationToken));
        Assert.Equal(AgentRunStatus.Failed, run.Status);
        Assert.Contains("could not start the agent", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "", "probes[0].port: is required", AgentRunStatus.Failed)]
    [InlineData(3, "", "Segmentation fault", AgentRunStatus.NoReport)]
    [InlineData(139, "{\"schemaVer", "", AgentRunStatus.NoReport)]
    public void exit_codes_without_a_report_keep_why(int exitCode, string stdout, string stderr, AgentRunStatus status)
    {
        var run = LocalTransport.Interpret("i-1", exitCode, stdout, stderr);
        Assert.Equal(status, run.Status);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Null(run.Report);
    }
}
