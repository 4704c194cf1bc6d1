namespace VpceProbe.Testing;

/// <summary>
/// moto's server (python3 -m moto.server) on a free loopback port: real AWS API calls over HTTP,
/// no account, no internet. Tests share one server per assembly and isolate by resource names,
/// or call <see cref="ResetAsync"/>.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private MotoServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Fake credentials moto accepts; set on SDK clients so the default chain never looks further.</summary>
    public const string AccessKey = "testing";

    public const string SecretKey = "testing";

    public const string Region = "us-east-1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var port = FreePort.Next();
        var process = ChildProcess.Start("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], withoutAwsSettings: true);
        var server = new MotoServer(process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Generous: moto's imports alone take seconds, and a CI rehearsal on a loaded 2-core machine saw one server
        // print nothing for 30 s while the lab tests ran beside it. A broken moto still fails, just later.
        var deadline = DateTime.UtcNow.Add(StartTimeout);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"moto server exited at start:\n{process.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"{server.Url}/moto-api/"), cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }

        await process.DisposeAsync().ConfigureAwait(false);
        throw new TimeoutException($"moto server did not answer on {server.Url} within {StartTimeout.TotalSeconds:0}s:\n{process.Output}");
    }

    /// <summary>Forgets every resource (moto's reset API).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{Url}/moto-api/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
