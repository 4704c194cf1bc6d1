namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// What the lab needs from this machine, checked before anything is made, so `lab up` and `demo` never half-start:
/// root (namespaces, nft), `ip netns`, nft, dnsmasq and python3 for moto's server.
/// </summary>
internal static class LabPreflight
{
    public static IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            problems.Add("the lab runs on Linux only (network namespaces)");
            return problems;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            problems.Add("the lab needs root: it creates network namespaces, veth links and nft tables (run with sudo)");
        }

        foreach (var (tool, package) in new[] { ("ip", "iproute2"), ("nft", "nftables"), ("dnsmasq", "dnsmasq-base"), ("python3", "python3") })
        {
            if (!OnPath(tool))
            {
                problems.Add($"`{tool}` is not installed (Debian package {package}; scripts/install-deps.sh installs it)");
            }
        }

        if (Environment.IsPrivilegedProcess && !Directory.Exists("/proc/self/ns"))
        {
            problems.Add("this kernel has no namespaces (/proc/self/ns is missing)");
        }

        return problems;
    }

    /// <summary>Why the lab's AWS endpoint cannot listen on 127.0.0.1:<paramref name="port"/>, or null when it can.</summary>
    public static string? PortProblem(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return null;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return $"127.0.0.1:{port} is not free for the lab's AWS endpoint ({e.SocketErrorCode}: another lab or LocalStack?); pick another with --port";
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}
