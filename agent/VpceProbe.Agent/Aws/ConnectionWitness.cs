using System.Net.Sockets;
using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Aws;

/// <summary>
/// Opens the connections of one probe attempt and remembers where they went: the URL the AWS call used and
/// the IP that answered. Whether that IP is an interface endpoint's private address or a public one is the
/// question VpceProbe exists to answer, so it is taken from the socket, not guessed from DNS.
/// One witness per attempt: connections are not pooled across attempts, so each attempt really connects.
/// </summary>
internal sealed class ConnectionWitness
{
    private string? _endpoint;
    private string? _address;

    /// <summary>What was seen so far, as the AWS fields of an <see cref="Observation"/>.</summary>
    public Observation Observe() => new() { Endpoint = Volatile.Read(ref _endpoint), Address = Volatile.Read(ref _address) };

    /// <summary>
    /// The transport under every AWS client of the attempt. Redirects are not followed: a SigV4 signature does
    /// not survive one (see SigV4SigningHandler's remarks), and a redirect is an answer worth reporting as such.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (context.InitialRequestMessage.RequestUri is { } uri)
        {
            Volatile.Write(ref _endpoint, uri.GetLeftPart(UriPartial.Authority));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _address, ConnectedAddress.Of(socket));
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
