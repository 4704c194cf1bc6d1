using System.Diagnostics;
using System.Text;

namespace VpceProbe.Testing;

/// <summary>
/// A helper process the tests start (moto, dnsmasq). Stopped by its own PID, never by name,
/// so parallel test runs and other users' processes are left alone.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="withoutAwsSettings">Start without the runner's AWS_* variables: moto's server calls botocore, which fails
    /// every request with ProfileNotFound when AWS_PROFILE names a profile this machine does not have.</param>
    public static ChildProcess Start(string fileName, IEnumerable<string> args, IDictionary<string, string>? env = null, bool withoutAwsSettings = false)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var name in psi.Environment.Keys.Where(k => withoutAwsSettings && k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(name);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
