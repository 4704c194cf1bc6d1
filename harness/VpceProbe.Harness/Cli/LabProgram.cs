using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe lab …` and `vpceprobe demo …` run the lab program, `vpceprobe-lab`, as a child process with the same
/// arguments (`lab` dropped), its output copied to ours and its exit code returned. The lab needs ASP.NET Core,
/// namespaces and dnsmasq; keeping it out of this assembly keeps `vpceprobe` on the .NET runtime alone. The program
/// is looked for beside vpceprobe.dll (a checkout's build and the tests), then in lab/ beside it (the tool package).
/// </summary>
internal static class LabProgram
{
    public const string Lab = "lab";

    public const string Demo = "demo";

    private const string AssemblyFile = "vpceprobe-lab.dll";

    /// <summary>A command of the root's help that stands for the lab program; reached only after a root option (`--verbose lab up`).</summary>
    public static Command Command(string name, string description)
    {
        var command = new ForwardedCommand(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((parse, ct) => RunAsync([name, .. parse.UnmatchedTokens], parse.InvocationConfiguration, ct));
        return command;
    }

    /// <summary>Whether this command line goes to the lab program whole, before the root parses (and answers --help for) it.</summary>
    public static bool Forwards(RootCommand root, IReadOnlyList<string> args) =>
        args.Count > 0 && root.Subcommands.Any(c => c is ForwardedCommand && c.Name == args[0]);

    /// <summary>Runs `vpceprobe-lab` with these arguments (`lab up …` → `up …`, `demo …` → `demo …`).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        if (Locate() is not { } assembly)
        {
            await configuration.Error.WriteLineAsync(
                $"error: the lab program ({AssemblyFile}) is not installed beside {AppContext.BaseDirectory}: run ./vpceprobe from a checkout, or install the tool package built by scripts/pack.sh").ConfigureAwait(false);
            return Contract.ExitCodes.Usage;
        }

        var psi = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(assembly);
        foreach (var arg in args[0] == Lab ? args.Skip(1) : args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {assembly}");
        var output = PumpAsync(process.StandardOutput, configuration.Output);
        var error = PumpAsync(process.StandardError, configuration.Error);
        // Ctrl-C reaches the child from the terminal as it reaches us; a cancel that came another way (SIGTERM to
        // vpceprobe alone) is passed on as SIGTERM. Either way the child ends on its own terms: `demo` still takes
        // its lab down, and we wait for that instead of killing it half-way.
        await using (cancellationToken.Register(() => Terminate(process)))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await Task.WhenAll(output, error).ConfigureAwait(false);
        return process.ExitCode;
    }

    private static string? Locate() =>
        new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, Lab) }
            .Select(dir => Path.Combine(dir, AssemblyFile))
            .FirstOrDefault(File.Exists);

    /// <summary>The `dotnet` host that runs us (an installed tool runs through an apphost: the host sits above the shared runtime).</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            return path;
        }

        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    private static async Task PumpAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await to.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private static void Terminate(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
            kill?.WaitForExit();
        }
    }

    private sealed class ForwardedCommand(string name, string description) : Command(name, description);
}
