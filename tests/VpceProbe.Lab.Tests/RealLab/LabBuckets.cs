using Amazon.S3;
using Amazon.S3.Model;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Buckets a test needs in the lab (staging, output), made with the seeder's keys whatever the gate allows.</summary>
internal static class LabBuckets
{
    public static async Task CreateAsync(SharedLab lab, string bucket)
    {
        using var s3 = new AmazonS3Client(TopologySeeder.Credentials, new AmazonS3Config { ServiceURL = lab.GatewayUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = lab.Region });
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, TestContext.Current.CancellationToken);
        }
        catch (BucketAlreadyOwnedByYouException)
        {
            // The lab is shared by the whole run: another test (or this class's previous one) made it already.
        }
    }
}
