using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Probes;

/// <summary>Backend: moto's server; a canned loopback server for STS's query-protocol error body.</summary>
public class StsProbeTests(MotoServerFixture moto)
{
    private const string AccessDenied = """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: sts:GetCallerIdentity with an explicit deny in a VPC endpoint policy</Message></Error>
          <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
        </ErrorResponse>
        """;

    private static StsProbe Probe(string url) => new(AwsTestClients.For(url));

    [Fact]
    public async Task get_caller_identity_is_allowed_and_reports_account_and_identity()
    {
        var attempt = await Attempts.RunAsync(Probe(moto.Server.Url));

        Assert.Equal(Outcome.Allowed, attempt.Outcome);
        Assert.Equal("123456789012", attempt.Observed!.Account);
        Assert.False(string.IsNullOrEmpty(attempt.Observed.UserId));
        Assert.StartsWith("arn:aws:", attempt.Observed.Arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_explicit_deny_in_an_endpoint_policy_is_denied_with_the_request_id()
    {
        await using var aws = CannedHttpServer.Answering(403, "Forbidden", "text/xml", AccessDenied);

        var attempt = await Attempts.RunAsync(Probe(aws.Url));

        Assert.Equal(Outcome.Denied, attempt.Outcome);
        Assert.Equal(FailureKind.AccessDenied, attempt.FailureKind);
        Assert.True(attempt.Observed!.EndpointPolicy);
        Assert.Equal("c6104cbe-af31-11e0-8154-cbc7ccf896c7", attempt.Observed.RequestId);
    }

    [Fact]
    public async Task a_closed_port_is_unreachable_refused()
    {
        var attempt = await Attempts.RunAsync(Probe($"http://127.0.0.1:{FreePort.Next()}"));

        Assert.Equal(FailureKind.Refused, attempt.FailureKind);
        Assert.Equal(Outcome.Unreachable, attempt.Outcome);
    }
}
