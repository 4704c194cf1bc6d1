using System.Net;
using System.Net.Sockets;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// The address a socket actually reached, written the way people read it ("10.0.1.5:443").
/// That is how a report shows whether a service name went to an endpoint's private IP or out to the internet.
/// </summary>
internal static class ConnectedAddress
{
    public static string? Of(Socket socket) => socket.RemoteEndPoint is IPEndPoint ep ? Format(ep) : null;

    public static string Format(IPEndPoint endpoint)
    {
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        return new IPEndPoint(address, endpoint.Port).ToString();
    }
}
