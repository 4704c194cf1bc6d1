using System.Net;
using System.Net.Sockets;
using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Probes;

public class TcpProbeTests
{
    private static TcpProbe Probe(int port) => new(new TcpProbeOptions("127.0.0.1", port));

    [Fact]
    public async Task tcp_probe_reports_reachable_and_the_connected_address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var attempt = await Attempts.RunAsync(Probe(port));

        Assert.Equal(Outcome.Reachable, attempt.Outcome);
        Assert.Null(attempt.FailureKind);
        Assert.Equal($"127.0.0.1:{port}", attempt.Observed!.Address);
    }

    [Fact]
    public async Task tcp_probe_reports_a_closed_port_as_refused()
    {
        var attempt = await Attempts.RunAsync(Probe(FreePort.Next()));
        Assert.Equal(Outcome.Unreachable, attempt.Outcome);
        Assert.Equal(FailureKind.Refused, attempt.FailureKind);
    }

    [Fact]
    public async Task tcp_probe_reports_a_dropped_syn_as_timeout()
    {
        using var full = await FullBacklogListener.StartAsync();
        var attempt = await Attempts.RunAsync(Probe(full.Port), TimeSpan.FromMilliseconds(500));
        Assert.Equal(Outcome.Unreachable, attempt.Outcome);
        Assert.Equal(FailureKind.Timeout, attempt.FailureKind);
    }

    [Fact]
    public void tcp_probe_target_brackets_ipv6_literals() =>
        Assert.Equal("[::1]:443", new TcpProbe(new TcpProbeOptions("::1", 443)).Target);
}
