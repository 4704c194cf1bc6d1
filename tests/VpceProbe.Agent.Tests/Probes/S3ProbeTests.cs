using Amazon.S3.Model;
using VpceProbe.Agent.Aws;
using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Probes;

/// <summary>Backend: moto's server for real answers; canned loopback servers for AWS's error bodies and dead paths.</summary>
public class S3ProbeTests(MotoServerFixture moto)
{
    private const string EndpointPolicyDenied = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::private-data" because no VPC endpoint policy allows the s3:ListBucket action</Message><RequestId>8R2SKZTZ1QWKF3A5</RequestId><HostId>Yn4x9Hd4hJ0=</HostId></Error>
        """;

    private const string SlowDown = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>x</HostId></Error>
        """;

    private async Task<string> SeedBucketAsync(int objects)
    {
        var bucket = AwsTestClients.Unique("vpce");
        using var s3 = await AwsTestClients.For(moto.Server.Url).S3Async(new ConnectionWitness(), CancellationToken.None);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, TestContext.Current.CancellationToken);
        for (var i = 0; i < objects; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"k{i}", ContentBody = "x" }, TestContext.Current.CancellationToken);
        }

        return bucket;
    }

    [Fact]
    public async Task list_objects_on_a_bucket_that_exists_is_allowed_and_reports_one_key_and_the_endpoint()
    {
        var bucket = await SeedBucketAsync(objects: 3);

        var attempt = await Attempts.RunAsync(new S3Probe(new(bucket), AwsTestClients.For(moto.Server.Url)));

        Assert.Equal(Outcome.Allowed, attempt.Outcome);
        Assert.Null(attempt.FailureKind);
        Assert.Equal(1, attempt.Observed!.Count);
        Assert.Equal(moto.Server.Url, attempt.Observed.Endpoint);
        Assert.StartsWith("127.0.0.1:", attempt.Observed.Address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task list_buckets_without_a_bucket_is_allowed_and_counts_buckets()
    {
        await SeedBucketAsync(objects: 0);

        var attempt = await Attempts.RunAsync(new S3Probe(new((string?)null), AwsTestClients.For(moto.Server.Url)));

        Assert.Equal(Outcome.Allowed, attempt.Outcome);
        Assert.True(attempt.Observed!.Count >= 1);
    }

    [Fact]
    public async Task a_missing_bucket_is_not_found_with_the_aws_error_code()
    {
        var attempt = await Attempts.RunAsync(new S3Probe(new(AwsTestClients.Unique("absent")), AwsTestClients.For(moto.Server.Url)));

        Assert.Equal(Outcome.Error, attempt.Outcome);
        Assert.Equal(FailureKind.NotFound, attempt.FailureKind);
        Assert.Equal("NoSuchBucket", attempt.Observed!.ErrorCode);
    }

    [Fact]
    public async Task an_endpoint_policy_access_denied_body_is_denied_and_names_the_endpoint_policy()
    {
        await using var aws = CannedHttpServer.Answering(403, "Forbidden", "application/xml", EndpointPolicyDenied);

        var attempt = await Attempts.RunAsync(new S3Probe(new("private-data"), AwsTestClients.For(aws.Url)));

        Assert.Equal(Outcome.Denied, attempt.Outcome);
        Assert.Equal(FailureKind.AccessDenied, attempt.FailureKind);
        Assert.True(attempt.Observed!.EndpointPolicy);
        Assert.Equal("AccessDenied", attempt.Observed.ErrorCode);
        Assert.Equal("8R2SKZTZ1QWKF3A5", attempt.Observed.RequestId);
        Assert.Contains("because no VPC endpoint policy allows", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task slow_down_is_throttled_after_a_single_request()
    {
        await using var aws = CannedHttpServer.Answering(503, "Slow Down", "application/xml", SlowDown);

        var attempt = await Attempts.RunAsync(new S3Probe(new("busy"), AwsTestClients.For(aws.Url)));

        Assert.Equal(FailureKind.Throttled, attempt.FailureKind);
        Assert.Equal(Outcome.Error, attempt.Outcome);
        Assert.Single(aws.Requests);
    }

    [Fact]
    public async Task a_closed_port_is_unreachable_refused()
    {
        var attempt = await Attempts.RunAsync(new S3Probe(new("b"), AwsTestClients.For($"http://127.0.0.1:{FreePort.Next()}")));

        Assert.Equal(Outcome.Unreachable, attempt.Outcome);
        Assert.Equal(FailureKind.Refused, attempt.FailureKind);
    }

    [Fact]
    public async Task a_listener_that_never_answers_is_unreachable_timeout()
    {
        await using var silent = CannedHttpServer.Silent();

        var attempt = await Attempts.RunAsync(new S3Probe(new("b"), AwsTestClients.For(silent.Url)), TimeSpan.FromMilliseconds(500));

        Assert.Equal(Outcome.Unreachable, attempt.Outcome);
        Assert.Equal(FailureKind.Timeout, attempt.FailureKind);
    }
}
