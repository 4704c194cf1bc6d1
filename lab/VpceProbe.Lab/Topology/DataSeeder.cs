using Amazon.S3;
using Amazon.S3.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>Creates the buckets with their objects and the secrets (Secrets Manager through signed JSON calls).</summary>
internal sealed class DataSeeder(IAmazonS3 s3, SignedAwsCalls calls, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        foreach (var bucket in topology.Buckets)
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket.Name }, ct).ConfigureAwait(false);
            foreach (var (key, body) in bucket.Objects)
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = key, ContentBody = body }, ct).ConfigureAwait(false);
            }

            ledger.Add(SeedKinds.Bucket, bucket.Name, bucket.Name);
        }

        foreach (var secret in topology.Secrets)
        {
            var created = await calls.JsonAsync("secretsmanager", "secretsmanager.CreateSecret", new { Name = secret.Name, SecretString = secret.Value }, ct).ConfigureAwait(false);
            ledger.Add(SeedKinds.Secret, secret.Name, created.GetProperty("ARN").GetString()!);
        }
    }
}
