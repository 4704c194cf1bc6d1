using System.Security.Cryptography;
using Amazon.S3.Model;
using VpceProbe.Agent.Aws;
using VpceProbe.Agent.Output;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.EndToEnd;

/// <summary>
/// The published NativeAOT agent against moto (and a canned AccessDeniedException server), in every report
/// format: a secret's value, a distinctive random string, appears nowhere in what the agent prints, whether
/// the secret was read, denied or missing. The agent runs with only the environment given here (env -i), so
/// credentials and endpoints come through the SDK conventions: AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL.
/// </summary>
public class SecretValueTests(MotoServerFixture moto)
{
    private const string DeniedBody = """
        {"__type":"AccessDeniedException","Message":"User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/db with an explicit deny in a VPC endpoint policy"}
        """;

    public static TheoryData<string> Formats => [.. ReportWriters.All.Select(w => w.Format)];

    private static string[] AgentEnvironment(string endpoint, bool credentials) =>
    [
        "env", "-i", $"HOME={Path.GetTempPath()}", "AWS_EC2_METADATA_DISABLED=true", $"AWS_REGION={MotoServer.Region}",
        "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", $"AWS_ENDPOINT_URL={endpoint}",
        .. credentials ? [$"AWS_ACCESS_KEY_ID={MotoServer.AccessKey}", $"AWS_SECRET_ACCESS_KEY={MotoServer.SecretKey}"] : Array.Empty<string>(),
    ];

    private static async Task<AgentProcess.Result> RunAsync(ProbePlan plan, string format, string[] environment)
    {
        var planFile = Path.Combine(Path.GetTempPath(), $"vpceprobe-plan-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(planFile, PlanReader.ToJson(plan), TestContext.Current.CancellationToken);
        try
        {
            return await AgentProcess.RunAsync(["--plan", planFile, "--format", format], environment);
        }
        finally
        {
            File.Delete(planFile);
        }
    }

    private static ProbeSpec Secret(string id, string secretId, string expect) =>
        new() { Id = id, Kind = ProbeKinds.Secret, SecretId = secretId, Expect = expect, Timeout = "5s" };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task a_read_secret_and_a_missing_one_never_print_the_value(string format)
    {
        var name = AwsTestClients.Unique("e2e");
        var value = $"CANARY-{Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}";
        await AwsTestClients.CreateSecretAsync(moto.Server.Url, name, value);
        var bucket = AwsTestClients.Unique("e2e");
        using (var s3 = await AwsTestClients.For(moto.Server.Url).S3Async(new ConnectionWitness(), CancellationToken.None))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, TestContext.Current.CancellationToken);
        }

        var plan = new ProbePlan
        {
            Probes =
            [
                Secret("secret-read", name, Expectations.Allowed),
                Secret("secret-missing", name + "-absent", Expectations.Allowed),
                new() { Id = "bucket", Kind = ProbeKinds.S3, Bucket = bucket, Expect = Expectations.Allowed },
                new() { Id = "identity", Kind = ProbeKinds.Sts, Expect = Expectations.Allowed },
            ],
        };

        var run = await RunAsync(plan, format, AgentEnvironment(moto.Server.Url, credentials: true));

        Assert.DoesNotContain(value, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(value, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ExpectationFailed, run.ExitCode);
        Assert.Contains("secret-read", run.Stdout, StringComparison.Ordinal);
        if (format == "json")
        {
            var results = ReportJson.TryRead(run.Stdout)!.Results.ToDictionary(r => r.Id);
            Assert.True(results["secret-read"].Pass);
            Assert.Equal(value.Length, results["secret-read"].Observed!.Length);
            Assert.Equal(FailureKind.NotFound, results["secret-missing"].FailureKind);
            Assert.True(results["bucket"].Pass);
            Assert.Equal("123456789012", results["identity"].Observed!.Account);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task a_denied_secret_is_reported_denied_without_the_value(string format)
    {
        var value = $"CANARY-{Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}";
        var name = AwsTestClients.Unique("e2e");
        await AwsTestClients.CreateSecretAsync(moto.Server.Url, name, value);
        await using var denying = CannedHttpServer.Answering(400, "Bad Request", "application/x-amz-json-1.1", DeniedBody);
        var plan = new ProbePlan
        {
            Endpoints = new() { [AwsClients.SecretsManagerKey] = denying.Url },
            Probes = [Secret("secret-denied", name, Expectations.Denied)],
        };

        var run = await RunAsync(plan, format, AgentEnvironment(moto.Server.Url, credentials: true));

        Assert.DoesNotContain(value, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        if (format == "json")
        {
            var result = Assert.Single(ReportJson.TryRead(run.Stdout)!.Results);
            Assert.Equal(FailureKind.AccessDenied, result.FailureKind);
            Assert.True(result.Observed!.EndpointPolicy);
        }
    }

    [Fact]
    public async Task an_empty_credential_chain_is_reported_as_no_credentials()
    {
        var plan = new ProbePlan { Probes = [new() { Id = "identity", Kind = ProbeKinds.Sts, Expect = Expectations.Allowed }] };

        var run = await RunAsync(plan, "json", AgentEnvironment(moto.Server.Url, credentials: false));

        Assert.Equal(ExitCodes.ExpectationFailed, run.ExitCode);
        var result = Assert.Single(ReportJson.TryRead(run.Stdout)!.Results);
        Assert.Equal(FailureKind.NoCredentials, result.FailureKind);
        Assert.Equal(Outcome.Error, result.Outcome);
    }
}
