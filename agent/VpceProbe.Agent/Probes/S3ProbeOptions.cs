using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>s3 probe options: ListObjectsV2 (MaxKeys=1) on <paramref name="Bucket"/>, or ListBuckets when it is absent.</summary>
internal sealed record S3ProbeOptions(string? Bucket)
{
    public static S3ProbeOptions From(ProbeSpec spec) => new(string.IsNullOrWhiteSpace(spec.Bucket) ? null : spec.Bucket);
}
