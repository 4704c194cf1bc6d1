using System.Text.RegularExpressions;

namespace VpceProbe.Contract;

/// <summary>
/// The shape of an AWS region name (us-east-1, ap-southeast-2, us-gov-west-1, eu-isoe-west-1). The region
/// ends up in endpoint host names and in the SSM command line, so anything else is refused before use.
/// </summary>
public static partial class Regions
{
    public const string Example = "us-east-1";

    public static bool IsValid(string? region) => region is not null && Shape().IsMatch(region);

    public static string Problem(string region) =>
        $"{Printable.Quote(region)} is not an AWS region; write one such as {Example} or eu-west-3";

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex Shape();
}
