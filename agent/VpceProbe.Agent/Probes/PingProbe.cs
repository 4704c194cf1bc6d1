using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// One ICMP echo. As root .NET sends it on a raw socket; otherwise it runs the system's ping, so the probe
/// works unprivileged too. Security groups and NACLs often drop ICMP: "unreachable" by ping alone is weak evidence.
/// </summary>
internal sealed class PingProbe(PingProbeOptions options) : IProbe
{
    private static readonly byte[] Payload = new byte[PingProbeOptions.PayloadBytes];

    public string Target => options.Host;

    public async Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        IPAddress address;
        try
        {
            address = IPAddress.TryParse(options.Host, out var literal)
                ? literal
                : (await Dns.GetHostAddressesAsync(options.Host, cancellationToken).ConfigureAwait(false))[0];
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return NetworkFailures.TryClassify(e, context)!;
        }

        var observed = new Observation { Address = address.ToString() };
        using var ping = new Ping();
        try
        {
            var sent = context.Time.GetTimestamp();
            var reply = await ping.SendPingAsync(address, context.Timeout, Payload, null, cancellationToken).ConfigureAwait(false);
            return FromReply(reply, context, observed with { RttMs = RttMs(reply, context.Time.GetElapsedTime(sent)) });
        }
        catch (PingException e) when (e.InnerException is SocketException se)
        {
            return NetworkFailures.FromSocketError(se, observed);
        }
        catch (OperationCanceledException e)
        {
            return NetworkFailures.TryClassify(e, context, observed)!;
        }
    }

    // PingReply.RoundtripTime is whole milliseconds, and inside a VPC an echo takes a fraction of one:
    // below 1 ms the probe's own measurement (a little higher, it includes the send) says more than 0.
    private static double? RttMs(PingReply reply, TimeSpan measured) => reply.Status != IPStatus.Success ? null
        : reply.RoundtripTime >= 1 ? reply.RoundtripTime
        : Math.Round(measured.TotalMilliseconds, 3);

    private static ProbeAttempt FromReply(PingReply reply, ProbeContext context, Observation observed) => reply.Status switch
    {
        IPStatus.Success => ProbeAttempt.Success(Outcome.Reachable, observed),
        IPStatus.TimedOut or IPStatus.TimeExceeded =>
            ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Timeout, $"no echo reply within {Duration.Format(context.Timeout)}", observed),
        IPStatus.DestinationHostUnreachable or IPStatus.DestinationNetworkUnreachable or IPStatus.DestinationUnreachable
            or IPStatus.DestinationProtocolUnreachable or IPStatus.DestinationPortUnreachable or IPStatus.DestinationProhibited =>
            ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Unreachable, $"ICMP {reply.Status}", observed),
        _ => ProbeAttempt.Failure(Outcome.Error, FailureKind.Other, $"ICMP {reply.Status}", observed),
    };
}
