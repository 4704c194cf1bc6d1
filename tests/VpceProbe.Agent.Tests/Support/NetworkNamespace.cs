using System.Diagnostics;

namespace VpceProbe.Agent.Tests.Support;

/// <summary>
/// A network namespace the test creates with only its loopback up: nothing routes out of it, so whatever a
/// probe sends there stays inside the machine. Root only; deleted on dispose.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>Prefix a command with this to run it inside the namespace.</summary>
    public IReadOnlyList<string> Exec => ["ip", "netns", "exec", Name];

    public static bool CanCreate => Environment.IsPrivilegedProcess;

    public static NetworkNamespace Create(string purpose)
    {
        var ns = new NetworkNamespace($"vpceprobe-{purpose}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Ip("netns", "add", ns.Name);
        Ip("-n", ns.Name, "link", "set", "lo", "up");
        return ns;
    }

    private static void Ip(params string[] args)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
        }
    }

    public void Dispose() => Ip("netns", "del", Name);
}
