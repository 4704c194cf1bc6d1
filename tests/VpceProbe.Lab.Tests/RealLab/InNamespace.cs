using System.Diagnostics;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Runs a shell command inside a lab namespace (as root), the way a user on the instance would.</summary>
public static class InNamespace
{
    public static async Task<(int ExitCode, string Output)> ShAsync(string namespaceName, string script)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "netns", "exec", namespaceName, "/bin/sh", "-c", script })
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
