using System.Diagnostics;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Runs a shell command inside a lab namespace (as root), the way a user on the instance would.</summary>
public static class InNamespace
{
    /// <summary>curl's exit code for a timeout: what a dropped packet gives (not a refusal, not an ICMP error).</summary>
    public const int CurlTimedOut = 28;

    public static Task<(int ExitCode, string Output)> ShAsync(string namespaceName, string script) =>
        RunAsync(["ip", "netns", "exec", namespaceName, "/bin/sh", "-c", script]);

    /// <summary>A command in the host's namespace (to look at what the lab made, e.g. `ip netns list`).</summary>
    public static Task<(int ExitCode, string Output)> HostAsync(string script) => RunAsync(["/bin/sh", "-c", script]);

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> command)
    {
        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
