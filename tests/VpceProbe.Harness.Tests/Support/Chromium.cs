using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// Debian's headless chromium driven through the DevTools protocol over one WebSocket: enough to load a page,
/// evaluate script in it, collect its console, log and network events, and take a screenshot. Nothing here
/// downloads a browser; without /usr/bin/chromium the tests that need it skip saying so.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly DirectoryInfo _profile;
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly List<(string Method, JsonElement Params)> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private Chromium(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser executable, or null when it is not installed.</summary>
    public static string? Executable => Candidates.FirstOrDefault(File.Exists);

    public static async Task<Chromium> StartAsync(CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("vpceprobe-chromium-");
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium is not installed"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[]
        {
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
            "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        // Chromium refuses to run as root with its sandbox on; the tests run as root on the build VM.
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Insert(0, "--no-sandbox");
        }

        var process = Process.Start(start)!;
        var browser = new Chromium(process, profile);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string? url = null;
        while (url is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            const string marker = "DevTools listening on ";
            url = line.StartsWith(marker, StringComparison.Ordinal) ? line[marker.Length..].Trim() : null;
        }

        await browser._socket.ConnectAsync(new Uri(url ?? throw new InvalidOperationException("chromium exited without a DevTools address")), timeout.Token);
        browser._receiving = browser.ReceiveAsync();
        return browser;
    }

    /// <summary>Opens a new page and attaches to it; returns the session id for <see cref="SendAsync"/>.</summary>
    public async Task<string> NewPageAsync(CancellationToken cancellationToken)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, null, cancellationToken);
        return attached.GetProperty("sessionId").GetString()!;
    }

    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters, string? session, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[id] = done;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>Waits until an event of that name has arrived (at most 30 s).</summary>
    public async Task WaitForEventAsync(string method, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Events().Any(e => e.Method == method))
        {
            Assert.True(DateTime.UtcNow < deadline, $"chromium sent no {method} within 30 s");
            await Task.Delay(50, cancellationToken);
        }
    }

    public IReadOnlyList<(string Method, JsonElement Params)> Events()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        try
        {
            await _receiving;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The browser is gone: its socket ends one way or the other.
        }

        _socket.Dispose();
        _process.Dispose();
        _stop.Dispose();
        _profile.Delete(recursive: true);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            var part = await _socket.ReceiveAsync(buffer, _stop.Token);
            message.Write(buffer, 0, part.Count);
            if (!part.EndOfMessage)
            {
                continue;
            }

            using var json = JsonDocument.Parse(message.ToArray());
            message.SetLength(0);
            var root = json.RootElement.Clone();
            if (root.TryGetProperty("id", out var id))
            {
                TaskCompletionSource<JsonElement>? waiting;
                lock (_pending)
                {
                    _pending.Remove(id.GetInt32(), out waiting);
                }

                if (root.TryGetProperty("error", out var error))
                {
                    waiting?.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                }
                else
                {
                    waiting?.TrySetResult(root.GetProperty("result"));
                }
            }
            else if (root.TryGetProperty("method", out var method))
            {
                lock (_events)
                {
                    _events.Add((method.GetString()!, root.TryGetProperty("params", out var p) ? p : default));
                }
            }
        }
    }
}
