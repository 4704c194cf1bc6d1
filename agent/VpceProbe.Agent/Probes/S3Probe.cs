using Amazon.S3.Model;
using VpceProbe.Agent.Aws;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// Proves S3 answers (through the gateway or interface endpoint, or the internet) and whether it allows the call.
/// The smallest read there is: one key, or the bucket list, so the probe costs nothing and changes nothing.
/// </summary>
internal sealed class S3Probe(S3ProbeOptions options, AwsClients aws) : IProbe
{
    public string Target => options.Bucket is { } bucket ? $"s3://{bucket}" : "s3 ListBuckets";

    public async Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var witness = new ConnectionWitness();
        try
        {
            using var s3 = await aws.S3Async(witness, cancellationToken).ConfigureAwait(false);
            int count;
            if (options.Bucket is { } bucket)
            {
                var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
                count = listed.KeyCount ?? 0;
            }
            else
            {
                var buckets = await s3.ListBucketsAsync(new ListBucketsRequest(), cancellationToken).ConfigureAwait(false);
                count = buckets.Buckets?.Count ?? 0;
            }

            return ProbeAttempt.Success(Outcome.Allowed, witness.Observe() with { Count = count });
        }
        catch (Exception e)
        {
            return AwsErrors.Classify(e, context, witness.Observe());
        }
    }
}
