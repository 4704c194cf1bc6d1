using System.Diagnostics;
using System.Text;
using VpceProbe.Moto;

namespace VpceProbe.Testing;

/// <summary>
/// moto's server (python3 -m moto.server) on a loopback port it bound itself, started by the lab's own launcher
/// (<see cref="MotoLauncher"/>, linked into this library): real AWS API calls over HTTP, no account, no internet.
/// Tests share one server per assembly and isolate by resource names, or call <see cref="ResetAsync"/>.
/// Stopped by its own PID, never by name.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;

    private MotoServer(Process process, int port)
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

    // Generous: moto's imports alone take seconds, and a CI rehearsal on a loaded 2-core machine saw one server
    // print nothing for 30 s while the lab tests ran beside it. A broken moto still fails, just later.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var output = new StringBuilder();
        void Append(string line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }

        try
        {
            var (process, port) = await MotoLauncher.StartAsync(Append, StartTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return new MotoServer(process, port);
        }
        catch (MotoStartException e)
        {
            lock (output)
            {
                throw new InvalidOperationException($"{e.Message}:\n{output}", e);
            }
        }
    }

    /// <summary>Forgets every resource (moto's reset API).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{Url}/moto-api/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => new(MotoLauncher.StopAsync(_process));
}
