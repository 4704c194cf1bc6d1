namespace VpceProbe.Contract;

/// <summary>
/// What the agent is asked to check. Versioned: the agent refuses a schemaVersion it does not know.
/// Durations are strings such as "250ms", "5s", "2m" (see <see cref="Duration"/>).
/// </summary>
public sealed record ProbePlan
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>The run's deadline when <see cref="Deadline"/> is absent: the agent stops there, the harness waits that long.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>AWS region; falls back to AWS_REGION / AWS_DEFAULT_REGION on the instance.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// Per-service endpoint overrides keyed by the SDK service id in lower case ("s3", "secretsmanager", "sts").
    /// When absent the agent honours AWS_ENDPOINT_URL_&lt;SERVICE&gt; and AWS_ENDPOINT_URL, then the SDK default.
    /// </summary>
    public Dictionary<string, string>? Endpoints { get; init; }

    /// <summary>CIDRs that count as "private" for dns probes; RFC 1918 + RFC 6598 when empty.</summary>
    public List<string>? VpcCidrs { get; init; }

    /// <summary>Global deadline for the whole run (default <see cref="DefaultDeadline"/>). Probes still running then are reported as cancelled.</summary>
    public string? Deadline { get; init; }

    public List<ProbeSpec> Probes { get; init; } = [];
}
