using System.Net.Sockets;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>One GET, headers only. The status code and the address actually connected to are the observations.</summary>
internal sealed class HttpProbe(HttpProbeOptions options) : IProbe
{
    public string Target => options.Url.ToString();

    public async Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        string? connected = null;
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = async (connect, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(connect.DnsEndPoint, ct).ConfigureAwait(false);
                    connected = ConnectedAddress.Of(socket);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Url);
        request.Headers.UserAgent.ParseAdd("vpceprobe-agent");
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var observed = new Observation { StatusCode = status, Address = connected };
            return options.ExpectedStatus is { } expected && expected != status
                ? ProbeAttempt.Failure(Outcome.Reachable, FailureKind.HttpStatus, $"HTTP {status}, expected {expected}", observed)
                : ProbeAttempt.Success(Outcome.Reachable, observed);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            var observed = connected is null ? null : new Observation { Address = connected };
            return NetworkFailures.TryClassify(e, context, observed)
                ?? ProbeAttempt.Failure(Outcome.Error, FailureKind.Other, e.Message, observed);
        }
    }
}
