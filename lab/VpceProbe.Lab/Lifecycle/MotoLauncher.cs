using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VpceProbe.Moto;

/// <summary>
/// Starts moto's server (python3 -m moto.server) on a loopback port moto binds itself (`-p 0`) and reads back from
/// its " * Running on http://127.0.0.1:PORT" line, then waits until it answers. A port found free and handed to moto
/// could be taken before moto bound it (by another server, or by a client socket: the kernel hands out the same range
/// for outgoing connections); here nothing is chosen in advance, so nothing can be taken. The one launcher of the lab
/// daemon and of the tests (this file is linked into VpceProbe.Testing, which must not take on the lab).
/// </summary>
internal static partial class MotoLauncher
{
    /// <summary>moto answering on the port it bound, with its process; a failure to start throws <see cref="MotoStartException"/>.</summary>
    /// <param name="output">Every line moto prints (stdout and stderr), from any thread.</param>
    public static async Task<(Process Process, int Port)> StartAsync(Action<string> output, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", "0" })
        {
            psi.ArgumentList.Add(arg);
        }

        // moto's server calls botocore, which fails every request with ProfileNotFound when the caller's shell names a
        // profile this machine lacks (AWS_PROFILE): moto must not depend on the caller's AWS settings.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(name);
        }

        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            output(line);
            if (RunningOn().Match(line) is { Success: true } match)
            {
                bound.TrySetResult(int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture));
            }
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => bound.TrySetException(new MotoStartException("moto's server exited at start"));
        try
        {
            if (!process.Start())
            {
                throw new MotoStartException("could not start python3 -m moto.server");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new MotoStartException($"could not start python3 -m moto.server: {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            var port = await bound.Task.WaitAsync(either.Token).ConfigureAwait(false);
            await WaitAnswersAsync(port, time, either.Token).ConfigureAwait(false);
            return (process, port);
        }
        catch (Exception e)
        {
            await StopAsync(process).ConfigureAwait(false);
            if (e is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new MotoStartException($"moto's server did not answer within {timeout.TotalSeconds:0} s (is it installed? pip install 'moto[server]')");
            }

            throw;
        }
    }

    /// <summary>Stops moto by its own process (never by name) and waits for it.</summary>
    public static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    // werkzeug prints the line once its socket listens; moto answers a moment later, once its app is loaded.
    private static async Task WaitAnswersAsync(int port, TimeProvider time, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/moto-api/");
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // That one request took over 2 s (a loaded machine): ask again.
            }
        }
    }

    [GeneratedRegex(@"Running on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex RunningOn();
}

/// <summary>moto's server could not be started or did not answer.</summary>
internal sealed class MotoStartException(string message) : Exception(message);
