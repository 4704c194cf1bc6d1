using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Probes;

public class PingProbeTests
{
    [Fact]
    public async Task ping_probe_reports_loopback_reachable_with_an_rtt()
    {
        var attempt = await Attempts.RunAsync(new PingProbe(new PingProbeOptions("127.0.0.1")), TimeSpan.FromSeconds(3));
        Assert.Equal(Outcome.Reachable, attempt.Outcome);
        Assert.InRange(attempt.Observed!.RttMs!.Value, 0.0, 3000.0);
        Assert.Equal("127.0.0.1", attempt.Observed.Address);
    }

    [Fact]
    public async Task ping_probe_reports_unreachable_inside_a_namespace_without_routes()
    {
        if (!NetworkNamespace.CanCreate)
        {
            Assert.Skip("creating a network namespace needs root");
        }

        // 198.51.100.1 (TEST-NET-2) has no route in the namespace: the kernel refuses the send, nothing leaves it.
        using var ns = NetworkNamespace.Create("ping");
        var plan = PlanReader.ToBase64(new ProbePlan
        {
            Probes =
            [
                new ProbeSpec { Id = "lo", Kind = ProbeKinds.Ping, Host = "127.0.0.1", Expect = Expectations.Reachable },
                new ProbeSpec { Id = "out", Kind = ProbeKinds.Ping, Host = "198.51.100.1", Expect = Expectations.Unreachable, Timeout = "1s" },
            ],
        });

        var run = await AgentProcess.RunAsync(["--plan-base64", plan], ns.Exec);

        Assert.True(run.ExitCode == ExitCodes.Success, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var report = ReportJson.TryRead(run.Stdout)!;
        var output = report.Results.Single(r => r.Id == "out");
        Assert.Equal(Outcome.Unreachable, output.Outcome);
        Assert.Equal(FailureKind.Unreachable, output.FailureKind);
        Assert.Equal(Outcome.Reachable, report.Results.Single(r => r.Id == "lo").Outcome);
    }
}
