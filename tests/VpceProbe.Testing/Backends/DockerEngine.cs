using System.Net.Sockets;

namespace VpceProbe.Testing.Backends;

/// <summary>
/// Finds out up front whether a Docker engine answers, so LocalStack tests skip at once with a reason
/// instead of waiting for Testcontainers to time out. Asks the engine's /_ping on DOCKER_HOST
/// (unix:// or tcp://) or the default socket.
/// </summary>
public static class DockerEngine
{
    private const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>Null when an engine answered; otherwise why not, for the skip message.</summary>
    public static async Task<string?> WhyUnavailableAsync(CancellationToken cancellationToken)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var (handler, baseUri, where) = Connect(host);
        if (handler is null)
        {
            return $"no Docker engine: {where} does not exist";
        }

        using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri("/_ping", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"no Docker engine: {where} answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return $"no Docker engine: {where} did not answer ({ex.Message})";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no Docker engine: {where} did not answer within 3s";
        }
    }

    private static (HttpMessageHandler? Handler, Uri BaseUri, string Where) Connect(string? host)
    {
        if (host is not null && host.StartsWith("tcp://", StringComparison.Ordinal))
        {
            return (new SocketsHttpHandler(), new Uri("http://" + host["tcp://".Length..]), host);
        }

        var path = host is not null && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : DefaultSocket;
        if (!File.Exists(path))
        {
            return (null, new Uri("http://docker"), path);
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return (handler, new Uri("http://docker"), path);
    }
}
