using System.Text;
using Amazon.Runtime;
using VpceProbe.Agent.Aws;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Support;

/// <summary>AWS clients aimed at one loopback URL (moto or a canned server) with moto's fake credentials.</summary>
internal static class AwsTestClients
{
    public static AwsClients For(string url) => new(
        new AwsSettings(MotoServer.Region, new Dictionary<string, string> { ["s3"] = url, ["sts"] = url, ["secretsmanager"] = url }, _ => null),
        () => Task.FromResult<AWSCredentials>(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey)));

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    /// <summary>Creates a secret through the same signed JSON 1.1 path the agent reads it with.</summary>
    public static async Task<string> CreateSecretAsync(string url, string name, string value)
    {
        using var client = (SecretsManagerClient)await For(url).SecretsManagerAsync(new ConnectionWitness(), CancellationToken.None);
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, string> { ["Name"] = name, ["SecretString"] = value }));
        var answer = await client.Json.CallAsync("CreateSecret", body, CancellationToken.None);
        using var doc = System.Text.Json.JsonDocument.Parse(answer);
        return doc.RootElement.GetProperty("ARN").GetString()!;
    }
}
