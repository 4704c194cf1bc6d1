using System.Net;
using System.Net.Sockets;
using System.Text;
using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Probes;

public class HttpProbeTests
{
    private static HttpProbe Probe(string url, int? expected = null) => new(new HttpProbeOptions(new Uri(url), expected));

    [Fact]
    public async Task http_probe_reports_reachable_with_status_and_connected_address()
    {
        await using var server = CannedHttpServer.Answering(200, "OK", "text/plain", "hello");
        var attempt = await Attempts.RunAsync(Probe(server.Url + "/", expected: 200));
        Assert.Equal(Outcome.Reachable, attempt.Outcome);
        Assert.Null(attempt.FailureKind);
        Assert.Equal(200, attempt.Observed!.StatusCode);
        Assert.Equal($"127.0.0.1:{server.Port}", attempt.Observed.Address);
    }

    [Fact]
    public async Task http_probe_reports_an_unexpected_status_as_http_status()
    {
        await using var server = CannedHttpServer.Answering(403, "Forbidden", "text/plain", "no");
        var attempt = await Attempts.RunAsync(Probe(server.Url + "/", expected: 200));
        Assert.Equal(Outcome.Reachable, attempt.Outcome);
        Assert.Equal(FailureKind.HttpStatus, attempt.FailureKind);
        Assert.Equal(403, attempt.Observed!.StatusCode);
        Assert.False(Expectations.IsMet("200", attempt.Outcome, attempt.Observed.StatusCode));
    }

    [Fact]
    public async Task http_probe_treats_any_status_as_reachable_when_no_status_is_expected()
    {
        await using var server = CannedHttpServer.Answering(503, "Service Unavailable", "text/plain", "");
        var attempt = await Attempts.RunAsync(Probe(server.Url + "/"));
        Assert.Equal(Outcome.Reachable, attempt.Outcome);
        Assert.Null(attempt.FailureKind);
    }

    [Fact]
    public async Task http_probe_does_not_follow_redirects()
    {
        await using var server = CannedHttpServer.Answering(301, "Moved", "text/plain", "",
            new Dictionary<string, string> { ["Location"] = "http://127.0.0.1:1/elsewhere" });
        var attempt = await Attempts.RunAsync(Probe(server.Url + "/"));
        Assert.Equal(301, attempt.Observed!.StatusCode);
    }

    [Fact]
    public async Task http_probe_reports_a_closed_port_as_refused()
    {
        var attempt = await Attempts.RunAsync(Probe($"http://127.0.0.1:{FreePort.Next()}/"));
        Assert.Equal(Outcome.Unreachable, attempt.Outcome);
        Assert.Equal(FailureKind.Refused, attempt.FailureKind);
    }

    [Fact]
    public async Task http_probe_reports_a_server_that_never_answers_as_timeout()
    {
        await using var server = CannedHttpServer.Silent();
        var attempt = await Attempts.RunAsync(Probe(server.Url + "/"), TimeSpan.FromMilliseconds(500));
        Assert.Equal(Outcome.Unreachable, attempt.Outcome);
        Assert.Equal(FailureKind.Timeout, attempt.FailureKind);
        Assert.Equal($"127.0.0.1:{server.Port}", attempt.Observed!.Address);
    }

    [Fact]
    public async Task http_probe_reports_a_broken_tls_handshake_as_tls_error()
    {
        // Plain text where a TLS ServerHello should be, as a TLS-intercepting or misrouted path would send.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"), TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);

        var attempt = await Attempts.RunAsync(Probe($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"));
        await serve;

        Assert.Equal(Outcome.Error, attempt.Outcome);
        Assert.Equal(FailureKind.TlsError, attempt.FailureKind);
    }
}
