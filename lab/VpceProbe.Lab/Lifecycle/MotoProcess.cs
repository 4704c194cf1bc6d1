using System.Diagnostics;
using System.Globalization;
using VpceProbe.Moto;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// moto's server on a loopback port it bound itself (<see cref="MotoLauncher"/>), a child of the lab daemon; its
/// output goes to moto.log in the state directory.
/// </summary>
internal sealed class MotoProcess(Process process, int port) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public int Pid => process.Id;

    public int Port => port;

    public Uri Url => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

    public static async Task<MotoProcess> StartAsync(string logPath, TimeProvider time, CancellationToken ct)
    {
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        try
        {
            var (process, port) = await MotoLauncher.StartAsync(line => Write(log, line), StartTimeout, time, ct).ConfigureAwait(false);
            return new MotoProcess(process, port);
        }
        catch (MotoStartException e)
        {
            throw new InvalidOperationException($"{e.Message}; see {logPath}", e);
        }
    }

    private static void Write(StreamWriter log, string line)
    {
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    public ValueTask DisposeAsync() => new(MotoLauncher.StopAsync(process));
}
