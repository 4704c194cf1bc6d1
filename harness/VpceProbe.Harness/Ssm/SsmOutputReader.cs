using Amazon.S3;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Ssm;

/// <summary>
/// Reads an invocation's full stdout from the S3 bucket SendCommand wrote it to, when GetCommandInvocation's copy
/// may be cut at 24,000 characters. SSM's layout is PREFIX/COMMAND-ID/INSTANCE-ID/awsrunShellScript/0.awsrunShellScript/stdout.
/// The instance itself uploads it: in a phase where it cannot reach S3, the object is simply not there.
/// </summary>
internal sealed class SsmOutputReader(IAmazonS3 s3)
{
    public const string MissingOutput = "SSM's copy of stdout may be truncated at 24,000 characters and the full output is not in S3";

    /// <summary>At or near the limit: GetCommandInvocation cut it (or it is exactly that long, which costs one GetObject).</summary>
    public static bool MayBeTruncated(string stdout) => stdout.Length >= SsmOptions.StdoutLimit - 100;

    public static string StdoutKey(string? prefix, string commandId, string instanceId) =>
        $"{(string.IsNullOrEmpty(prefix) ? "" : prefix.TrimEnd('/') + "/")}{commandId}/{instanceId}/awsrunShellScript/0.awsrunShellScript/stdout";

    public async Task<(string? Stdout, string? Error)> ReadStdoutAsync(
        string bucket, string? prefix, string commandId, string instanceId, CancellationToken cancellationToken)
    {
        var key = StdoutKey(prefix, commandId, instanceId);
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream);
            return (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (AmazonS3Exception e)
        {
            return (null, $"{MissingOutput} (s3://{bucket}/{key}: {AccessDenial.Describe(e, "s3:GetObject")}; can the instance reach S3 in this phase?)");
        }
    }
}
