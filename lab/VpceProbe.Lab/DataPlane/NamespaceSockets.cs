using System.Net;
using System.Net.Sockets;

namespace VpceProbe.Lab.DataPlane;

/// <summary>TCP sockets that belong to a lab namespace: created on a thread inside it (see <see cref="InNamespace"/>).</summary>
internal static class NamespaceSockets
{
    public static Socket Listen(string ns, IPEndPoint local) => InNamespace.Run(ns, () =>
    {
        var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(local);
        socket.Listen(512);
        return socket;
    });

    public static async Task<Socket> ConnectAsync(string ns, IPEndPoint remote, CancellationToken ct)
    {
        // Only creation needs the namespace; connecting can happen on any thread.
        var socket = InNamespace.Run(ns, () => new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        try
        {
            await socket.ConnectAsync(remote, ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
