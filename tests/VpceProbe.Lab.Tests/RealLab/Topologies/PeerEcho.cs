using System.Diagnostics;
using System.Globalization;

namespace VpceProbe.Lab.Tests.RealLab.Topologies;

/// <summary>
/// A TCP server inside a lab namespace that answers each connection with the address it came from: what a host
/// on the internet (or another instance) sees of the caller, e.g. a NAT gateway's public address. Started in the
/// background with its output to /dev/null (no pipe to wait on), stopped by its PID; the lab's sweep would also
/// end it with its namespace.
/// </summary>
public sealed class PeerEcho : IDisposable
{
    private const string Server = """
        import socket, sys
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(64)
        while True:
            c, peer = s.accept(); c.sendall((peer[0] + "\n").encode()); c.close()
        """;

    private readonly int _pid;

    private PeerEcho(int pid) => _pid = pid;

    public static async Task<PeerEcho> StartAsync(string namespaceName, string address, int port)
    {
        var started = await InNamespace.ShAsync(namespaceName, $"python3 -c '{Server}' {address} {port} </dev/null >/dev/null 2>&1 & echo $!");
        Assert.True(started.ExitCode == 0, started.Output);
        var echo = new PeerEcho(int.Parse(started.Output.Trim(), CultureInfo.InvariantCulture));
        var listening = await InNamespace.ShAsync(namespaceName, $"for i in $(seq 100); do ss -Hltn 'src {address}:{port}' | grep -q . && exit 0; sleep 0.1; done; exit 1");
        if (listening.ExitCode != 0)
        {
            echo.Dispose();
            Assert.Fail($"echo server in {namespaceName} on {address}:{port} is not listening after 10 s");
        }

        return echo;
    }

    /// <summary>A shell command for an instance: connect (3 s at most) and print what the server saw; exit 1 if it could not.</summary>
    public static string Client(string address, int port) =>
        $"python3 -c \"import socket; s = socket.create_connection(('{address}', {port}), timeout=3); print(s.recv(64).decode().strip())\" 2>/dev/null || exit 1";

    public void Dispose()
    {
        try
        {
            using var process = Process.GetProcessById(_pid);
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }
}
