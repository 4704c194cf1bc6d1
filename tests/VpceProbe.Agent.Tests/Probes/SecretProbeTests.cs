using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Probes;

/// <summary>Backend: moto's server; canned loopback servers for Secrets Manager's JSON error bodies and dead paths.</summary>
public class SecretProbeTests(MotoServerFixture moto)
{
    private const string EndpointPolicyDenied = """
        {"__type":"AccessDeniedException","Message":"User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/db because no VPC endpoint policy allows the secretsmanager:GetSecretValue action"}
        """;

    private const string IdentityDenied = """
        {"__type":"AccessDeniedException","Message":"User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/db because no identity-based policy allows the secretsmanager:GetSecretValue action"}
        """;

    private static Dictionary<string, string> RequestId => new() { ["x-amzn-RequestId"] = "5ee0c6c3-8e0c-4f3b-a4d1-6f0e8f1b1a11" };

    private static SecretProbe Probe(string url, string secretId) => new(new(secretId), AwsTestClients.For(url));

    [Fact]
    public async Task reading_a_secret_is_allowed_and_keeps_only_arn_version_stages_and_length()
    {
        var name = AwsTestClients.Unique("db");
        var value = $"s3cr3t-{Guid.NewGuid():N}";
        var arn = await AwsTestClients.CreateSecretAsync(moto.Server.Url, name, value);

        var attempt = await Attempts.RunAsync(Probe(moto.Server.Url, name));

        Assert.Equal(Outcome.Allowed, attempt.Outcome);
        Assert.Equal(arn, attempt.Observed!.Arn);
        Assert.Equal(value.Length, attempt.Observed.Length);
        Assert.Contains("AWSCURRENT", attempt.Observed.VersionStages!);
        Assert.False(string.IsNullOrEmpty(attempt.Observed.VersionId));
        Assert.DoesNotContain(value, attempt.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_missing_secret_is_not_found()
    {
        var attempt = await Attempts.RunAsync(Probe(moto.Server.Url, AwsTestClients.Unique("absent")));

        Assert.Equal(Outcome.Error, attempt.Outcome);
        Assert.Equal(FailureKind.NotFound, attempt.FailureKind);
        Assert.Equal("ResourceNotFoundException", attempt.Observed!.ErrorCode);
    }

    [Fact]
    public async Task an_endpoint_policy_access_denied_exception_is_denied_and_names_the_endpoint_policy()
    {
        await using var aws = CannedHttpServer.Answering(400, "Bad Request", "application/x-amz-json-1.1", EndpointPolicyDenied, RequestId);

        var attempt = await Attempts.RunAsync(Probe(aws.Url, "prod/db"));

        Assert.Equal(Outcome.Denied, attempt.Outcome);
        Assert.Equal(FailureKind.AccessDenied, attempt.FailureKind);
        Assert.True(attempt.Observed!.EndpointPolicy);
        Assert.Equal("5ee0c6c3-8e0c-4f3b-a4d1-6f0e8f1b1a11", attempt.Observed.RequestId);
    }

    [Fact]
    public async Task an_identity_policy_denial_is_denied_but_not_blamed_on_the_endpoint_policy()
    {
        await using var aws = CannedHttpServer.Answering(400, "Bad Request", "application/x-amz-json-1.1", IdentityDenied, RequestId);

        var attempt = await Attempts.RunAsync(Probe(aws.Url, "prod/db"));

        Assert.Equal(FailureKind.AccessDenied, attempt.FailureKind);
        Assert.False(attempt.Observed!.EndpointPolicy);
    }

    [Fact]
    public async Task the_request_is_a_signed_json_1_1_get_secret_value_call()
    {
        await using var aws = CannedHttpServer.Answering(400, "Bad Request", "application/x-amz-json-1.1", IdentityDenied, RequestId);

        await Attempts.RunAsync(Probe(aws.Url, "prod/db"));

        var head = Assert.Single(aws.Requests);
        Assert.StartsWith("POST / HTTP/1.1", head, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Target: secretsmanager.GetSecretValue", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: application/x-amz-json-1.1", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Authorization: AWS4-HMAC-SHA256 Credential=testing/", head, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/secretsmanager/aws4_request", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task throttling_exception_is_throttled()
    {
        await using var aws = CannedHttpServer.Answering(400, "Bad Request", "application/x-amz-json-1.1",
            """{"__type":"ThrottlingException","Message":"Rate exceeded"}""", RequestId);

        var attempt = await Attempts.RunAsync(Probe(aws.Url, "prod/db"));

        Assert.Equal(FailureKind.Throttled, attempt.FailureKind);
    }

    [Fact]
    public async Task a_non_aws_error_page_is_other_and_its_body_is_not_repeated()
    {
        await using var proxy = CannedHttpServer.Answering(502, "Bad Gateway", "text/html", "<html>proxy-body-marker</html>");

        var attempt = await Attempts.RunAsync(Probe(proxy.Url, "prod/db"));

        Assert.Equal(FailureKind.Other, attempt.FailureKind);
        Assert.Equal("Http502", attempt.Observed!.ErrorCode);
        Assert.DoesNotContain("proxy-body-marker", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_listener_that_never_answers_is_unreachable_timeout()
    {
        await using var silent = CannedHttpServer.Silent();

        var attempt = await Attempts.RunAsync(Probe(silent.Url, "prod/db"), TimeSpan.FromMilliseconds(500));

        Assert.Equal(Outcome.Unreachable, attempt.Outcome);
        Assert.Equal(FailureKind.Timeout, attempt.FailureKind);
    }

    [Fact]
    public async Task a_closed_port_is_unreachable_refused()
    {
        var attempt = await Attempts.RunAsync(Probe($"http://127.0.0.1:{FreePort.Next()}", "prod/db"));

        Assert.Equal(FailureKind.Refused, attempt.FailureKind);
    }
}
