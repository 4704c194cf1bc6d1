using System.Text.RegularExpressions;

namespace VpceProbe.Harness.Aws;

/// <summary>The shapes of the AWS ids a user types (instance and VPC ids: a prefix and 8 or 17 hex digits; shorter ones are accepted for emulators).</summary>
public static partial class AwsIds
{
    public static bool IsInstanceId(string? id) => id is not null && InstanceId().IsMatch(id);

    public static bool IsVpcId(string? id) => id is not null && VpcId().IsMatch(id);

    [GeneratedRegex("^i-[0-9a-f]{1,17}$")]
    private static partial Regex InstanceId();

    [GeneratedRegex("^vpc-[0-9a-f]{1,17}$")]
    private static partial Regex VpcId();
}
