namespace VpceProbe.Agent.Aws;

/// <summary>
/// The one Secrets Manager call the agent makes. An interface so AWSSDK.SecretsManager's client can replace
/// the thin <see cref="SecretsManagerClient"/> once that package is available to the build.
/// Failures are thrown as Amazon.Runtime.AmazonServiceException, exactly as an SDK client would throw them.
/// </summary>
internal interface ISecretsManagerClient : IDisposable
{
    Task<SecretVersion> GetSecretValueAsync(string secretId, CancellationToken cancellationToken);
}

/// <summary>
/// What the agent keeps of a GetSecretValue answer. The value itself is never kept: only its length
/// (characters of SecretString, or bytes of SecretBinary), so nothing can print, log or store it.
/// </summary>
internal sealed record SecretVersion(string? Arn, string? Name, string? VersionId, IReadOnlyList<string> VersionStages, int Length);
