using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests;

/// <summary>The published binary's wiring of signals: what SSM's cancel-command and a person's Ctrl-C do to a run.</summary>
public class ProgramTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task a_signal_mid_run_prints_the_partial_report(string signal)
    {
        var token = TestContext.Current.CancellationToken;
        // Accepts the agent's connection and never answers, so the probe is certainly running when the signal comes.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        var plan = PlanReader.ToBase64(new ProbePlan
        {
            Probes = [new ProbeSpec { Id = "hangs", Kind = ProbeKinds.Http, Url = url, Expect = Expectations.Reachable, Timeout = "30s" }],
        });
        var psi = new ProcessStartInfo(AgentBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("--plan-base64");
        psi.ArgumentList.Add(plan);
        using var agent = Process.Start(psi)!;
        var stdout = agent.StandardOutput.ReadToEndAsync(token);
        var stderr = agent.StandardError.ReadToEndAsync(token);

        using var connection = await listener.AcceptTcpClientAsync(token).AsTask().WaitAsync(TimeSpan.FromSeconds(20), token);
        using (var kill = Process.Start("kill", [$"-{signal}", agent.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(token);
        }

        await agent.WaitForExitAsync(token).WaitAsync(TimeSpan.FromSeconds(20), token);
        Assert.True(agent.ExitCode == ExitCodes.ExpectationFailed, $"exit {agent.ExitCode}: {await stderr}");
        var report = ReportJson.TryRead(await stdout);
        Assert.NotNull(report);
        Assert.True(report.Interrupted);
        Assert.Equal(FailureKind.Cancelled, Assert.Single(report.Results).FailureKind);
    }
}
