using System.Diagnostics;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Support;

/// <summary>Runs the published agent binary (optionally behind a launcher such as "ip netns exec NAME") and captures its streams.</summary>
public static class AgentProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(IReadOnlyList<string> args, IReadOnlyList<string>? launcher = null, TimeSpan? limit = null)
    {
        IReadOnlyList<string> command = [.. launcher ?? [], AgentBinary.Path, .. args];
        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in command.Skip(1))
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', command)} did not exit within {limit ?? TimeSpan.FromSeconds(60)}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
