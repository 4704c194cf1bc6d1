using System.Globalization;
using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// Checks on option values, attached to the options so that a bad value is a parse error: usage, exit 2, with
/// the parser's help, before any AWS call (a region such as 'moon-1' would otherwise fail later as exit 3).
/// </summary>
internal static class OptionChecks
{
    public static void Region(Option<string?> option) => Check(option, v => Regions.IsValid(v) ? null : Regions.Problem(v));

    public static void HttpUrl(Option<string?> option) => Check(option, EndpointUrls.Problem);

    public static void InstanceIds(Option<string[]> option) => option.Validators.Add(result =>
    {
        foreach (var id in (result.GetValueOrDefault<string[]>() ?? []).Where(id => !AwsIds.IsInstanceId(id)))
        {
            result.AddError($"{option.Name}: {Printable.Quote(id)} is not an instance id such as i-0123456789abcdef0");
        }
    });

    /// <summary>The plan's duration rules (positive, at most 24h), checked once where the value is given: a bad --wait-for is one message, not one per phase it would reach.</summary>
    public static void Duration(Option option) => Check(option, v => VpceProbe.Contract.Duration.Check(v, out _));

    /// <summary>SendCommand's MaxConcurrency/MaxErrors pattern: a whole number or a percentage up to 100%.</summary>
    public static void SsmRate(Option option) => Check(option, v => Ssm.TagTarget.RateControl(v)
        ? null
        : $"{Printable.Quote(v)} is not an SSM rate: a whole number such as 50, or a percentage from 0% to 100% such as 10%");

    public static void TagPair(Option option) => Check(option, v => v.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq && eq < v.Length - 1
        ? null
        : $"{Printable.Quote(v)} is not KEY=VALUE, such as vpceprobe:fleet=acceptance");

    public static void BucketName(Option option) => Check(option, v => AwsIds.IsBucketName(v)
        ? null
        : $"{Printable.Quote(v)} is not an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, such as my-staging-bucket");

    /// <summary>Reads the token itself: a value that is not a number is the parser's error, and reading it here would throw.</summary>
    public static void NotNegative(Option<decimal> option) => option.Validators.Add(result =>
    {
        if (result.Tokens is [var token] && decimal.TryParse(token.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value < 0)
        {
            result.AddError($"{option.Name}: must be 0 or more");
        }
    });

    private static void Check(Option option, Func<string, string?> problem) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<string?>() is { } value && problem(value) is { } message)
        {
            result.AddError($"{option.Name}: {message}");
        }
    });
}
