namespace VpceProbe.Contract;

/// <summary>
/// Values a probe saw. Every field is optional and omitted from JSON when null, which keeps reports small.
/// A secret's value never appears here: only its ARN, version, stages and length.
/// </summary>
public sealed record Observation
{
    /// <summary>dns: the A/AAAA answers.</summary>
    public List<string>? Answers { get; init; }

    /// <summary>dns: the response code (NoError, NXDomain, ServFail...).</summary>
    public string? Rcode { get; init; }

    /// <summary>dns: the resolver that answered.</summary>
    public string? Nameserver { get; init; }

    /// <summary>tcp/http/ping/aws: the address actually connected to, when known.</summary>
    public string? Address { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>ping: round-trip time.</summary>
    public double? RttMs { get; init; }

    /// <summary>AWS error code (AccessDenied, NoSuchBucket, ...).</summary>
    public string? ErrorCode { get; init; }

    public string? RequestId { get; init; }

    /// <summary>access_denied: true when AWS's message blames a VPC endpoint policy.</summary>
    public bool? EndpointPolicy { get; init; }

    /// <summary>The endpoint URL the AWS call used.</summary>
    public string? Endpoint { get; init; }

    /// <summary>s3: number of buckets (ListBuckets) or keys (ListObjectsV2) returned.</summary>
    public int? Count { get; init; }

    // secret
    public string? Arn { get; init; }

    public string? VersionId { get; init; }

    public List<string>? VersionStages { get; init; }

    /// <summary>Length in characters of SecretString, or in bytes of SecretBinary.</summary>
    public int? Length { get; init; }

    // sts
    public string? Account { get; init; }

    public string? UserId { get; init; }
}
