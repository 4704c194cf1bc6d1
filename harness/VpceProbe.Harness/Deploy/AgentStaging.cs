using Amazon.S3;
using Amazon.S3.Model;

namespace VpceProbe.Harness.Deploy;

/// <summary>
/// Puts an agent build in the staging bucket (once per SHA-256) and makes the presigned GET URL the instance
/// downloads it with. The URL is signed for the instance-side S3 endpoint, not the harness's: the instance cannot
/// reach an --endpoint-url such as 127.0.0.1:4566, and signing needs no network.
/// </summary>
internal sealed class AgentStaging(IAmazonS3 s3, IAmazonS3 presigner, string bucket, TimeProvider time)
{
    /// <summary>Long enough for a slow download across several instances, short enough not to leak for long.</summary>
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromMinutes(30);

    public string Bucket => bucket;

    /// <summary>Uploads unless an object with this hash's key is already there; true when it uploaded.</summary>
    public async Task<bool> StageAsync(AgentBinary binary, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(bucket, binary.StagingKey, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Not staged yet: upload below.
        }

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = binary.StagingKey, FilePath = binary.LocalPath }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<string> PresignAsync(AgentBinary binary) => presigner.GetPreSignedURLAsync(new GetPreSignedUrlRequest
    {
        BucketName = bucket,
        Key = binary.StagingKey,
        Verb = HttpVerb.GET,
        Expires = time.GetUtcNow().Add(UrlLifetime).UtcDateTime,

        // The request's protocol, not the endpoint's scheme, decides the URL's scheme: an http emulator needs HTTP.
        Protocol = presigner.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
    });
}
