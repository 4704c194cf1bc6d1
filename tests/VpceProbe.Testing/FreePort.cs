using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VpceProbe.Testing;

/// <summary>
/// Finds a loopback port for a server a test starts (moto, dnsmasq, a lab gateway).
/// Ports come from just below the kernel's ephemeral range, not from it: every outgoing connection of a
/// busy parallel test run takes its local port from that range, so a port the kernel handed out as free a
/// moment ago is often taken by a client socket before the server binds it ("Address already in use").
/// </summary>
public static class FreePort
{
    private const int Span = 12_000;

    /// <summary>A port free for TCP on 127.0.0.1 right now.</summary>
    public static int Next() => Find(udpToo: false);

    /// <summary>A port free for both TCP and UDP (dnsmasq listens on both).</summary>
    public static int NextTcpAndUdp() => Find(udpToo: true);

    private static int Find(bool udpToo)
    {
        var (low, high) = Range();
        for (var i = 0; i < 200; i++)
        {
            var port = Random.Shared.Next(low, high);
            if (TcpFree(port) && (!udpToo || UdpFree(port)))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port between {low} and {high} after 200 tries");
    }

    private static (int Low, int High) Range()
    {
        var ephemeralLow = 32768;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            ephemeralLow = int.Parse(text[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux, or an unusual /proc: keep the kernel's usual default.
        }

        var high = Math.Max(ephemeralLow, 1024 + Span);
        return (high - Span, high);
    }

    private static bool TcpFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool UdpFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
