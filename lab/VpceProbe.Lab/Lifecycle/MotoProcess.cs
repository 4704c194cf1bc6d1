using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// moto's server on a private loopback port, a child of the lab daemon; its output goes to moto.log in the state directory.
/// A port free when chosen may be taken before moto binds it (by another server, or by a client socket: the kernel
/// hands out the same range for outgoing connections), and moto then exits at once: it is started again on another
/// port, up to <see cref="Attempts"/> times, instead of waiting out its 30 s for a server that is gone.
/// </summary>
internal sealed class MotoProcess(Process process, int port) : IAsyncDisposable
{
    public int Pid => process.Id;

    public int Port => port;

    public Uri Url => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

    private const int Attempts = 5;

    public static async Task<MotoProcess> StartAsync(string logPath, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (moto, exited) = await TryStartAsync(logPath, time, ct).ConfigureAwait(false);
            if (moto is not null)
            {
                return moto;
            }

            if (!exited || attempt == Attempts)
            {
                throw new InvalidOperationException(exited
                    ? $"moto's server exited at start {Attempts} times (its port taken each time?); see {logPath}"
                    : $"moto's server did not answer within 30 s (pip install 'moto[server]'); see {logPath}");
            }
        }
    }

    /// <summary>moto answering, or null with whether it exited (its port was taken: worth another port) or never answered.</summary>
    private static async Task<(MotoProcess? Moto, bool Exited)> TryStartAsync(string logPath, TimeProvider time, CancellationToken ct)
    {
        var port = FreeLoopbackPort();
        var psi = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(arg);
        }

        // moto's server calls botocore, which fails every request with ProfileNotFound when the caller's shell
        // names a profile this machine lacks (AWS_PROFILE): the lab's AWS must not depend on the caller's settings.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(name);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start python3 -m moto.server");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoProcess(process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Ends as soon as moto exits too, so that a taken port costs a restart, not the whole wait.
        await LabPolling.WaitUntilAsync(async token => process.HasExited || await AnswersAsync(http, moto.Url, token).ConfigureAwait(false), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), time, ct).ConfigureAwait(false);
        if (!process.HasExited && await AnswersAsync(http, moto.Url, ct).ConfigureAwait(false))
        {
            return (moto, false);
        }

        var exited = process.HasExited;
        await moto.DisposeAsync().ConfigureAwait(false);
        return (null, exited);
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url, "/moto-api/"), ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        process.Dispose();
    }
}
