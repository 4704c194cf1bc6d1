using System.Net.Sockets;
using System.Security.Authentication;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// Turns transport exceptions into failure kinds. Shared by every probe that opens a connection
/// (tcp, http and the AWS probes), so "refused", "timeout" and "unreachable" mean the same everywhere.
/// A refusal or a silent drop is <see cref="Outcome.Unreachable"/>; a TLS failure or anything unknown is
/// <see cref="Outcome.Error"/>, because something answered and it was not what we expected.
/// </summary>
internal static class NetworkFailures
{
    /// <summary>Classifies <paramref name="exception"/>, or returns null when it is not a transport failure.</summary>
    public static ProbeAttempt? TryClassify(Exception exception, ProbeContext context, Observation? observed = null)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OperationCanceledException:
                    return context.AttemptTimedOut()
                        ? ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Timeout, $"no answer within {Duration.Format(context.Timeout)}", observed)
                        : ProbeAttempt.Failure(Outcome.Cancelled, FailureKind.Cancelled, "the run was interrupted", observed);
                case TimeoutException:
                    return ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Timeout, e.Message, observed);
                case SocketException se:
                    return FromSocketError(se, observed);
                case AuthenticationException:
                    return ProbeAttempt.Failure(Outcome.Error, FailureKind.TlsError, e.Message, observed);
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return ProbeAttempt.Failure(Outcome.Error, FailureKind.TlsError, e.Message, observed);
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Nxdomain, e.Message, observed);
                default:
                    break;
            }
        }

        return null;
    }

    public static ProbeAttempt FromSocketError(SocketException se, Observation? observed = null) => se.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Refused, "connection refused", observed),
        SocketError.TimedOut => ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Timeout, "connection timed out", observed),
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.HostDown or SocketError.AddressNotAvailable
            => ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Unreachable, se.Message, observed),
        SocketError.HostNotFound or SocketError.NoData => ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Nxdomain, se.Message, observed),
        SocketError.TryAgain => ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.DnsTimeout, se.Message, observed),
        _ => ProbeAttempt.Failure(Outcome.Error, FailureKind.Other, $"{se.SocketErrorCode}: {se.Message}", observed),
    };
}
