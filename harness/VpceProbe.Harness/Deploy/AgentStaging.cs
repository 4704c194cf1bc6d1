using System.IO.Compression;
using Amazon.S3;
using Amazon.S3.Model;

namespace VpceProbe.Harness.Deploy;

/// <summary>
/// Puts an agent build in the staging bucket (once per SHA-256, gzip-compressed: <see cref="AgentBinary.StagingKey"/>) and makes the presigned GET URL the instance
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

        // gzip's fastest level halves the agent (12.5 MB -> 6.2 MB in about 0.3 s): half the upload, and half of
        // every instance's download (a fleet's 50 downloads go through one S3 endpoint, on the lab moto's one process).
        using var compressed = new MemoryStream();
        await using (var file = File.OpenRead(binary.LocalPath))
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await file.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
        }

        compressed.Position = 0;
        await s3.PutObjectAsync(
            // UseChunkEncoding off: one plain body, so gzip is the object's only Content-Encoding. With the SDK's
            // aws-chunked upload the lab served the download with an encoding curl refused (exit 61).
            new PutObjectRequest
            {
                BucketName = bucket, Key = binary.StagingKey, InputStream = compressed, ContentType = "application/octet-stream", Headers = { ContentEncoding = "gzip" },
                UseChunkEncoding = false,
            },
            cancellationToken).ConfigureAwait(false);
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
