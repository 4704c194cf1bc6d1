using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VpceProbe.Testing;

/// <summary>
/// A loopback HTTP/1.1 server that answers every request with one fixed response (AWS's real error bodies,
/// for instance), or, when <see cref="Silent"/> is used, accepts connections and never answers (a real timeout).
/// It records the head of each request so tests can check what a client sent.
/// </summary>
public sealed class CannedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private readonly List<string> _requests = [];
    private readonly byte[]? _response;
    private readonly Task _loop;

    private CannedHttpServer(byte[]? response)
    {
        _response = response;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Request heads (request line and headers) received so far.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static CannedHttpServer Answering(int status, string reason, string contentType, string body, IDictionary<string, string>? headers = null)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\n");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
        return new CannedHttpServer([.. Encoding.ASCII.GetBytes(head.ToString()), .. bytes]);
    }

    /// <summary>Accepts TCP connections and never sends a byte: what a silently dropping path looks like to a client.</summary>
    public static CannedHttpServer Silent() => new(null);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_response is null)
            {
                lock (_held)
                {
                    _held.Add(client);
                }

                continue;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream).ConfigureAwait(false);
                lock (_requests)
                {
                    _requests.Add(head);
                }

                await DrainBodyAsync(stream, head).ConfigureAwait(false);
                await stream.WriteAsync(_response, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The client gave up (its own timeout) or the server is stopping: nothing to answer.
            }
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head) && await stream.ReadAsync(one, _stop.Token).ConfigureAwait(false) == 1)
        {
            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. head]);
    }

    private async Task DrainBodyAsync(NetworkStream stream, string head)
    {
        var line = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = line is null ? 0 : int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer, _stop.Token).ConfigureAwait(false);
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }
}
