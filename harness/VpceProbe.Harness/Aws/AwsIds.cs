using System.Text.RegularExpressions;

namespace VpceProbe.Harness.Aws;

/// <summary>The shapes of the AWS ids a user types (instance and VPC ids: a prefix and 8 or 17 hex digits; shorter ones are accepted for emulators).</summary>
internal static partial class AwsIds
{
    public static bool IsInstanceId(string? id) => id is not null && InstanceId().IsMatch(id);

    public static bool IsVpcId(string? id) => id is not null && VpcId().IsMatch(id);

    /// <summary>
    /// S3's naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), widened to the
    /// legacy names us-east-1 allowed before March 2018 (capitals, underscores, up to 255 characters), so an old bucket
    /// is not refused; what no bucket can be called (spaces, slashes, quotes, control characters) is.
    /// </summary>
    public static bool IsBucketName(string? name) => name is not null && BucketName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^i-[0-9a-f]{1,17}$")]
    private static partial Regex InstanceId();

    [GeneratedRegex("^vpc-[0-9a-f]{1,17}$")]
    private static partial Regex VpcId();
}
