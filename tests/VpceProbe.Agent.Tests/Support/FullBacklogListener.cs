using System.Net;
using System.Net.Sockets;

namespace VpceProbe.Agent.Tests.Support;

/// <summary>
/// A loopback listener that never accepts and whose accept queue is full. Linux then drops every new SYN
/// (tcp_conn_request: "listen queue overflow"), so a connect gets no answer at all: a real timeout, the way a
/// security group or NACL that drops traffic looks from an instance, without leaving loopback.
/// </summary>
public sealed class FullBacklogListener : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _fillers = [];

    private FullBacklogListener() { }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public static async Task<FullBacklogListener> StartAsync()
    {
        var full = new FullBacklogListener();
        full._listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        full._listener.Listen(0);

        // Fill the queue until a connect hangs; that one proves the next SYN is dropped. A loopback handshake
        // takes microseconds, so a second without one is a dropped SYN even on a loaded machine.
        for (var i = 0; i < 16; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            full._fillers.Add(filler);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await filler.ConnectAsync(IPAddress.Loopback, full.Port, wait.Token);
            }
            catch (OperationCanceledException)
            {
                return full;
            }
        }

        full.Dispose();
        throw new InvalidOperationException("the listen queue never filled: SYNs to a full queue are not dropped on this kernel");
    }

    public void Dispose()
    {
        _fillers.ForEach(s => s.Dispose());
        _listener.Dispose();
    }
}
