namespace VpceProbe.Harness.Aws;

/// <summary>
/// The AWS conventions every command takes: --profile, --region, --endpoint-url. What is not given
/// falls to the SDK's own conventions (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_&lt;SERVICE&gt;,
/// the default credential chain), so the harness behaves like the AWS CLI.
/// </summary>
internal sealed record AwsSettings(string? Profile, string? Region, string? EndpointUrl)
{
    /// <summary>
    /// Credentials given by the program itself (`demo` passes the lab's), used before any profile or the default
    /// chain, so no variable of the caller's environment decides them. Never from the command line.
    /// </summary>
    public Amazon.Runtime.AWSCredentials? Credentials { get; init; }

    /// <summary>The region in force: --region, else AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1.</summary>
    public string EffectiveRegion =>
        Region
        ?? Environment.GetEnvironmentVariable("AWS_REGION")
        ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION")
        ?? "us-east-1";

    /// <summary>
    /// The endpoint for one service: --endpoint-url, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else AWS_ENDPOINT_URL, else null (the SDK default).
    /// <paramref name="serviceEnvName"/> is the SDK's env suffix: "EC2", "SSM", "S3", "STS".
    /// </summary>
    public string? EndpointFor(string serviceEnvName) =>
        EndpointUrl
        ?? Environment.GetEnvironmentVariable($"AWS_ENDPOINT_URL_{serviceEnvName}")
        ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
}
