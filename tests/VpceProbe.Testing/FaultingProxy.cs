using System.Globalization;
using System.Net;
using System.Text;

namespace VpceProbe.Testing;

/// <summary>
/// A loopback HTTP proxy in front of an AWS emulator (moto) that answers a share of requests with the service's own
/// throttling error (EC2 RequestLimitExceeded, S3 SlowDown, JSON services ThrottlingException) or a 500, or, when
/// <see cref="Down"/>, drops every connection: how the harness's retries are tested without a lab. Seeded, so a
/// failing test fails the same way again.
/// </summary>
public sealed class FaultingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly string _target;
    private readonly Random _random;
    private readonly Task _loop;
    private int _throttled;
    private int _failed;
    private int _forwarded;
    private volatile bool _disposed;

    private FaultingProxy(string target, int port, int seed)
    {
        _target = target.TrimEnd('/');
        _random = new Random(seed);
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Share of requests answered with throttling (0..1).</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Share of requests answered with a 500 InternalError (0..1).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>The proxy stops listening: every connection is refused, as when AWS is unreachable.</summary>
    public bool Down
    {
        get => !_listener.IsListening;
        set
        {
            lock (_listener)
            {
                if (value && _listener.IsListening)
                {
                    _listener.Stop();
                }
                else if (!value && !_listener.IsListening && !_disposed)
                {
                    _listener.Start();
                }
            }
        }
    }

    /// <summary>Only requests whose body or path contains this are faulted (e.g. "Action=CreateRoute"); null: all.</summary>
    public string? OnlyMatching { get; set; }

    public int Throttled => _throttled;

    public int ServerErrors => _failed;

    public int Forwarded => _forwarded;

    public static FaultingProxy Start(string target, int seed = 1) => new(target, FreePort.Next(), seed);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
        _upstream.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_disposed)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Stopped (Down) or disposed: wait to be started again, or end.
                await Task.Delay(50).ConfigureAwait(false);
                continue;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
            var body = buffer.ToArray();
            var text = Encoding.UTF8.GetString(body);
            // moto answers DescribeInstanceInformation, which it lacks, with a 500 the harness takes as "unsupported"; a
            // fault injected on its last retry would turn that into a throttling error AWS itself never sends for it.
            var unimplemented = context.Request.Headers["X-Amz-Target"] == "AmazonSSM.DescribeInstanceInformation";
            var eligible = !unimplemented
                && (OnlyMatching is null || text.Contains(OnlyMatching, StringComparison.Ordinal) || context.Request.RawUrl?.Contains(OnlyMatching, StringComparison.Ordinal) == true);
            double roll;
            lock (_random)
            {
                roll = _random.NextDouble();
            }

            if (eligible && roll < ThrottleRate)
            {
                Interlocked.Increment(ref _throttled);
                await FaultAsync(context, text, throttle: true).ConfigureAwait(false);
                return;
            }

            if (eligible && roll < ThrottleRate + ServerErrorRate)
            {
                Interlocked.Increment(ref _failed);
                await FaultAsync(context, text, throttle: false).ConfigureAwait(false);
                return;
            }

            Interlocked.Increment(ref _forwarded);
            await ForwardAsync(context, body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // The client went away, or moto did: nothing to answer.
        }
    }

    private async Task ForwardAsync(HttpListenerContext context, byte[] body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), _target + context.Request.RawUrl);
        request.Content = new ByteArrayContent(body);
        foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
        {
            if (name is "Host" or "Content-Length" or "Connection" or "Expect" or "Transfer-Encoding")
            {
                continue;
            }

            var value = context.Request.Headers[name]!;
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await _upstream.SendAsync(request).ConfigureAwait(false);
        var bytes = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers))
        {
            if (header.Key is "Content-Length" or "Transfer-Encoding" or "Connection" or "Server" or "Date")
            {
                continue;
            }

            context.Response.Headers[header.Key] = string.Join(",", header.Value);
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    // Each protocol's own error shape, as the SDKs parse it: JSON services a __type, EC2 an <Errors> list, S3 <Error>.
    private static async Task FaultAsync(HttpListenerContext context, string body, bool throttle)
    {
        var json = context.Request.ContentType?.Contains("x-amz-json", StringComparison.Ordinal) == true;
        var query = body.Contains("Action=", StringComparison.Ordinal);
        string code;
        int status;
        if (json)
        {
            (code, status) = throttle ? ("ThrottlingException", 400) : ("InternalServerError", 500);
        }
        else if (query)
        {
            (code, status) = throttle ? ("RequestLimitExceeded", 503) : ("InternalError", 500);
        }
        else
        {
            (code, status) = throttle ? ("SlowDown", 503) : ("InternalError", 500);
        }

        var message = throttle ? "Request limit exceeded (injected by the test's FaultingProxy)." : "An internal error has occurred (injected).";
        var (contentType, text) = json
            ? ("application/x-amz-json-1.1", $$"""{"__type":"{{code}}","message":"{{message}}"}""")
            : query
                ? ("text/xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>fault</RequestID></Response>")
                : ("application/xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>fault</RequestId></Error>");
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }
}
