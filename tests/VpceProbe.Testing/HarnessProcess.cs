using System.Diagnostics;
using Xunit;

namespace VpceProbe.Testing;

/// <summary>
/// The harness as a user runs it: its own process (the lab daemon is started from it), from the repository root,
/// with the caller's environment plus the given variables (null values remove a variable).
/// </summary>
public static class HarnessProcess
{
    public static Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunCommandAsync(HarnessBinary.Command(), AgentBinary.RepositoryRoot(), environment, args);

    /// <summary>Another program (an installed tool, `dotnet pack`) the same way: its output, its exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(
        IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in command.Skip(1).Concat(args))
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);
}
