using Amazon;

namespace VpceProbe.Agent.Aws;

/// <summary>
/// Where the agent's AWS calls go: the region and any per-service endpoint override, from the plan first,
/// then the environment the AWS SDKs and CLI read. The SDK clients (S3, STS) already honour
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt; and AWS_ENDPOINT_URL themselves (ClientConfig.ServiceId, AWSSDK.Core 3.7.300+),
/// so for them only the plan's override is applied here; the Secrets Manager thin client is not an SDK client,
/// so <see cref="ConfiguredEndpoint"/> applies the same convention for it.
/// </summary>
internal sealed class AwsSettings
{
    private readonly IReadOnlyDictionary<string, string> _planEndpoints;
    private readonly Func<string, string?> _environment;

    /// <param name="region">Already resolved: plan.region, else AWS_REGION, else AWS_DEFAULT_REGION (PlanSettings).</param>
    /// <param name="planEndpoints">The plan's endpoints, keyed "s3", "secretsmanager", "sts".</param>
    /// <param name="environment">Environment lookup; tests pass their own.</param>
    public AwsSettings(string? region, IReadOnlyDictionary<string, string>? planEndpoints, Func<string, string?>? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _planEndpoints = planEndpoints is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>(planEndpoints, StringComparer.OrdinalIgnoreCase);
        Region = Blank(region);
    }

    /// <summary>Null leaves the region to the SDK's own chain (profile, instance metadata).</summary>
    public string? Region { get; }

    public RegionEndpoint? RegionEndpoint => Region is null ? null : RegionEndpoint.GetBySystemName(Region);

    /// <summary>The plan's endpoint for a service key ("s3", "secretsmanager", "sts"), or null.</summary>
    public string? PlanEndpoint(string service) => _planEndpoints.TryGetValue(service, out var url) ? Blank(url) : null;

    /// <summary>
    /// The plan's endpoint, else AWS_ENDPOINT_URL_<paramref name="envServiceId"/>, else AWS_ENDPOINT_URL, unless
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true (the SDK convention); null means the service's public default.
    /// </summary>
    public string? ConfiguredEndpoint(string service, string envServiceId)
    {
        if (PlanEndpoint(service) is { } fromPlan)
        {
            return fromPlan;
        }

        if (string.Equals(_environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Blank(_environment($"AWS_ENDPOINT_URL_{envServiceId}")) ?? Blank(_environment("AWS_ENDPOINT_URL"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
