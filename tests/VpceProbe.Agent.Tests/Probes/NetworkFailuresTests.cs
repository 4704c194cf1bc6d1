using System.Net.Sockets;
using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Probes;

public class NetworkFailuresTests
{
    private static ProbeContext Context(bool timedOut) => new()
    {
        Time = TimeProvider.System,
        Timeout = TimeSpan.FromSeconds(1),
        PrivateRanges = [],
        AttemptTimedOut = () => timedOut,
    };

    [Theory]
    [InlineData(SocketError.ConnectionRefused, FailureKind.Refused, Outcome.Unreachable)]
    [InlineData(SocketError.TimedOut, FailureKind.Timeout, Outcome.Unreachable)]
    [InlineData(SocketError.NetworkUnreachable, FailureKind.Unreachable, Outcome.Unreachable)]
    [InlineData(SocketError.HostNotFound, FailureKind.Nxdomain, Outcome.Unreachable)]
    [InlineData(SocketError.AccessDenied, FailureKind.Other, Outcome.Error)]
    public void socket_errors_keep_their_kind(SocketError error, FailureKind kind, Outcome outcome)
    {
        var attempt = NetworkFailures.TryClassify(new HttpRequestException("x", new SocketException((int)error)), Context(false));
        Assert.NotNull(attempt);
        Assert.Equal(kind, attempt.FailureKind);
        Assert.Equal(outcome, attempt.Outcome);
    }

    [Fact]
    public void our_timeout_is_timeout_but_caller_cancellation_is_cancelled()
    {
        Assert.Equal(FailureKind.Timeout, NetworkFailures.TryClassify(new OperationCanceledException(), Context(true))!.FailureKind);
        Assert.Equal(FailureKind.Cancelled, NetworkFailures.TryClassify(new OperationCanceledException(), Context(false))!.FailureKind);
    }

    [Fact]
    public void unknown_exceptions_are_not_classified_as_network_failures() =>
        Assert.Null(NetworkFailures.TryClassify(new InvalidOperationException("boom"), Context(false)));
}
