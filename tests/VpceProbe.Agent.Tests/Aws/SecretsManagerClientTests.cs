using Amazon;
using Amazon.Runtime;
using VpceProbe.Agent.Aws;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Aws;

/// <summary>Backend: a canned loopback server answering GetSecretValue the way Secrets Manager does.</summary>
public class SecretsManagerClientTests
{
    private static async Task<SecretVersion> ReadAsync(string answer)
    {
        await using var aws = CannedHttpServer.Answering(200, "OK", "application/x-amz-json-1.1", answer);
        using var client = new SecretsManagerClient(new BasicAWSCredentials("testing", "testing"), RegionEndpoint.USEast1,
            new Uri(aws.Url), new SocketsHttpHandler());
        return await client.GetSecretValueAsync("prod/db", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task an_escaped_secret_string_is_measured_in_characters_after_unescaping()
    {
        var version = await ReadAsync("""
            {"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf","Name":"prod/db",
             "VersionId":"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1","SecretString":"a\"b\u00e9\n","VersionStages":["AWSPREVIOUS","AWSCURRENT"],
             "CreatedDate":1.523477145713E9}
            """);

        Assert.Equal(5, version.Length);
        Assert.Equal("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf", version.Arn);
        Assert.Equal("EXAMPLE1-90ab-cdef-fedc-ba987SECRET1", version.VersionId);
        Assert.Equal(["AWSPREVIOUS", "AWSCURRENT"], version.VersionStages);
    }

    [Fact]
    public async Task a_secret_binary_is_measured_in_decoded_bytes()
    {
        var version = await ReadAsync("""{"Name":"blob","SecretBinary":"AAECAwQ=","VersionStages":["AWSCURRENT"]}""");

        Assert.Equal(5, version.Length);
        Assert.Equal("blob", version.Name);
    }

    [Fact]
    public async Task the_record_kept_holds_no_part_of_the_value()
    {
        var version = await ReadAsync("""{"ARN":"arn:x","SecretString":"hunter2-distinctive","VersionStages":[]}""");

        Assert.DoesNotContain("hunter2", version.ToString(), StringComparison.Ordinal);
        Assert.Equal(19, version.Length);
    }
}
