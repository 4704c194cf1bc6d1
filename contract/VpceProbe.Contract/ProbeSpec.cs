namespace VpceProbe.Contract;

/// <summary>
/// One probe as written in a plan. Flat on purpose: the same shape is written by hand in YAML scenarios
/// and read by the agent, and <see cref="PlanValidator"/> says which fields each kind needs.
/// </summary>
public sealed record ProbeSpec
{
    public string Id { get; init; } = "";

    /// <summary>One of <see cref="ProbeKinds.All"/>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>What must be observed; the values allowed depend on the kind (see <see cref="ProbeKinds"/>).</summary>
    public string Expect { get; init; } = "";

    /// <summary>Per-attempt timeout (default depends on the kind).</summary>
    public string? Timeout { get; init; }

    /// <summary>Retry until the expectation holds or this much time has passed (DNS and endpoints take time to propagate).</summary>
    public string? WaitFor { get; init; }

    // dns
    public string? Name { get; init; }

    /// <summary>"IP" or "IP:PORT"; the system resolver when absent.</summary>
    public string? Nameserver { get; init; }

    // tcp, ping
    public string? Host { get; init; }

    public int? Port { get; init; }

    // http
    public string? Url { get; init; }

    // s3: ListObjectsV2(MaxKeys=1) on the bucket, ListBuckets when absent
    public string? Bucket { get; init; }

    // secret
    public string? SecretId { get; init; }

    /// <summary>Every field of a probe, by its plan name; a reader's other keys are unknown fields.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
        ["id", "kind", "expect", "timeout", "waitFor", "name", "nameserver", "host", "port", "url", "bucket", "secretId"];

    /// <summary>A probe from a plan (JSON) or a scenario (YAML): the same names in both, so one can be pasted into the other.</summary>
    public static ProbeSpec ReadFrom(IFieldReader f) => new()
    {
        Id = f.String("id") ?? "",
        Kind = f.String("kind") ?? "",
        Expect = f.String("expect") ?? "",
        Timeout = f.String("timeout"),
        WaitFor = f.String("waitFor"),
        Name = f.String("name"),
        Nameserver = f.String("nameserver"),
        Host = f.String("host"),
        Port = f.Int("port"),
        Url = f.String("url"),
        Bucket = f.String("bucket"),
        SecretId = f.String("secretId"),
    };
}
