using System.Net.Sockets;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>Connects and closes. A completed handshake is reachable; refused, dropped and unroutable are kept apart.</summary>
internal sealed class TcpProbe(TcpProbeOptions options) : IProbe
{
    public string Target => options.Target;

    public async Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        // DualMode accepts IPv4 and IPv6 targets on one socket, so a host name may resolve to either.
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            return ProbeAttempt.Success(Outcome.Reachable, new Observation { Address = ConnectedAddress.Of(socket) });
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return NetworkFailures.TryClassify(e, context)!;
        }
    }
}
