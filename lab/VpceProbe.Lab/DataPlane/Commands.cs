using System.Diagnostics;

namespace VpceProbe.Lab.DataPlane;

/// <summary>Runs the system tools the data plane is made with (ip, nft, sysctl), feeding a script on stdin when given.</summary>
internal static class Commands
{
    public static async Task<NamespaceProcessResult> RunAsync(
        IReadOnlyList<string> command, string? stdin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in command.Skip(1))
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new LabCommandException($"could not start {command[0]}");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return new NamespaceProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), timedOut);
    }

    /// <summary>Runs a tool that must succeed: a failure throws with its stderr.</summary>
    public static async Task<string> MustAsync(IReadOnlyList<string> command, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(command, stdin, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 && !result.TimedOut
            ? result.StandardOutput
            : throw new LabCommandException($"`{string.Join(' ', command)}` failed ({result.ExitCode}){FailedLine(result.StandardError, stdin)}: {result.StandardError.Trim()}\n{stdin}");
    }

    /// <summary>
    /// `ip -batch` names the line it stopped at ("Command failed -:N"): that line, on the message's first line, which is
    /// all a log shows (a reconcile pass that kept failing said only "RTNETLINK answers: File exists").
    /// </summary>
    private static string FailedLine(string stderr, string? stdin)
    {
        var match = System.Text.RegularExpressions.Regex.Match(stderr, @"Command failed -:(\d+)");
        var lines = stdin?.Split('\n') ?? [];
        return match.Success && int.TryParse(match.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= lines.Length
            ? $" (at `{lines[n - 1].Trim()}`)"
            : string.Empty;
    }
}
