using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The lab internet's web host: answers any HTTP request on 80, and on 443 with TLS, for every web-host address
/// (google.com, think-with-tech.blogspot.com…). Ping needs nothing: the addresses are local to the namespace.
/// </summary>
internal sealed class WebHost(IReadOnlyList<Socket> plain, IReadOnlyList<Socket> secure, X509Certificate2 certificate) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public static WebHost Start(string ns, IEnumerable<string> addresses, X509Certificate2 certificate)
    {
        var list = addresses.Select(IPAddress.Parse).ToList();
        var host = new WebHost(
            [.. list.Select(a => NamespaceSockets.Listen(ns, new IPEndPoint(a, 80)))],
            [.. list.Select(a => NamespaceSockets.Listen(ns, new IPEndPoint(a, 443)))],
            certificate);
        host._loops.AddRange(host.Serve());
        return host;
    }

    private IEnumerable<Task> Serve() =>
        plain.Select(s => AcceptLoop(s, tls: false)).Concat(secure.Select(s => AcceptLoop(s, tls: true)));

    private async Task AcceptLoop(Socket listener, bool tls)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(client, tls);
        }
    }

    private async Task AnswerAsync(Socket client, bool tls)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await using var network = new NetworkStream(client, ownsSocket: true);
            Stream stream = network;
            if (tls)
            {
                var ssl = new SslStream(network);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, timeout.Token).ConfigureAwait(false);
                stream = ssl;
            }

            var request = await ReadHeadAsync(stream, timeout.Token).ConfigureAwait(false);
            var host = request.Split("\r\n").FirstOrDefault(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))?[5..].Trim() ?? "lab";
            var body = $"<html><body>lab internet host {host}</body></html>\n";
            var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
            await stream.WriteAsync(Encoding.UTF8.GetBytes(response), timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            // A client that goes away mid-request is the client's business; the host keeps serving.
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var socket in plain.Concat(secure))
        {
            socket.Dispose();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }
}
