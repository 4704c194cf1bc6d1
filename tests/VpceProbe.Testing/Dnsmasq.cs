using System.Globalization;

namespace VpceProbe.Testing;

/// <summary>
/// dnsmasq (Debian dnsmasq-base) answering only from records the test gives it, on a free loopback port.
/// No upstream servers: it never forwards a query anywhere.
/// </summary>
public sealed class Dnsmasq : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private Dnsmasq(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>"127.0.0.1:PORT", the form a plan's nameserver field takes.</summary>
    public string Nameserver => $"127.0.0.1:{Port}";

    /// <param name="hostRecords">name → addresses (A and AAAA).</param>
    /// <param name="nxdomainDomains">domains answered NXDOMAIN.</param>
    /// <param name="cancellationToken">cancels the wait for start-up.</param>
    public static async Task<Dnsmasq> StartAsync(
        IReadOnlyDictionary<string, string[]> hostRecords,
        IEnumerable<string>? nxdomainDomains = null,
        CancellationToken cancellationToken = default)
    {
        // dnsmasq also listens on TCP at the same port, which may be taken even though the UDP port was free:
        // then it exits at once with "Address already in use", and another port is tried.
        for (var tries = 1; ; tries++)
        {
            var port = FreePort.NextTcpAndUdp();
            var process = ChildProcess.Start("dnsmasq", Arguments(port, hostRecords, nxdomainDomains));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && !process.HasExited && !process.Output.Contains("started, version", StringComparison.Ordinal))
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            if (!process.HasExited && process.Output.Contains("started, version", StringComparison.Ordinal))
            {
                return new Dnsmasq(process, port);
            }

            await process.DisposeAsync().ConfigureAwait(false);
            if (tries < 5 && process.Output.Contains("Address already in use", StringComparison.Ordinal))
            {
                continue;
            }

            throw new InvalidOperationException($"dnsmasq did not start on port {port} (is dnsmasq-base installed?):\n{process.Output}");
        }
    }

    private static List<string> Arguments(int port, IReadOnlyDictionary<string, string[]> hostRecords, IEnumerable<string>? nxdomainDomains)
    {
        var args = new List<string>
        {
            "--keep-in-foreground", "--no-daemon", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
            "--no-poll", "--pid-file=", "--bind-interfaces", "--listen-address=127.0.0.1",
            "--user=root", "--log-queries", "--log-facility=-",
            $"--port={port.ToString(CultureInfo.InvariantCulture)}",
        };

        // One --host-record per address: a single record holds at most one IPv4 and one IPv6 address.
        foreach (var (name, addresses) in hostRecords)
        {
            args.AddRange(addresses.Select(address => $"--host-record={name},{address}"));
        }

        foreach (var domain in nxdomainDomains ?? [])
        {
            args.Add($"--address=/{domain}/");
        }

        return args;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
