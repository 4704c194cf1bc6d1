using Amazon.Runtime;
using VpceProbe.Agent.Aws;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Aws;

public class AwsClientsTests
{
    /// <summary>A credentials provider that refuses to be asked once <see cref="Closed"/> (as a refreshing one may be slow to answer).</summary>
    private sealed class ClosingCredentials : AWSCredentials
    {
        public bool Closed { get; set; }

        public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Closed
            ? throw new InvalidOperationException("the provider was asked again when the request was signed")
            : Task.FromResult(new ImmutableCredentials("ASIAINSTANCEROLE", "role-secret", "role-session-token"));
    }

    /// <summary>
    /// Handed the instance-profile provider itself, SigV4SigningHandler's signing made each secret probe take about a
    /// second in the lab (1.1 s, against 0.2 s with the keys resolved first) and held up the plan's other probes.
    /// </summary>
    [Fact]
    public async Task the_secrets_manager_client_signs_with_the_keys_resolved_when_it_was_made()
    {
        await using var aws = CannedHttpServer.Answering(200, "OK", "application/x-amz-json-1.1", """{"Name":"prod/db","SecretString":"x","VersionStages":["AWSCURRENT"]}""");
        var provider = new ClosingCredentials();
        var clients = new AwsClients(
            new AwsSettings("us-east-1", new Dictionary<string, string> { [AwsClients.SecretsManagerKey] = aws.Url }, _ => null),
            () => Task.FromResult<AWSCredentials>(provider));

        using var client = (SecretsManagerClient)await clients.SecretsManagerAsync(new ConnectionWitness(), TestContext.Current.CancellationToken);
        provider.Closed = true;
        var version = await client.GetSecretValueAsync("prod/db", TestContext.Current.CancellationToken);

        Assert.Equal("prod/db", version.Name);
        var request = Assert.Single(aws.Requests);
        Assert.Contains("Credential=ASIAINSTANCEROLE/", request, StringComparison.Ordinal);
        Assert.Contains("role-session-token", request, StringComparison.Ordinal);
    }
}
