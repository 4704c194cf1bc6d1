using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace VpceProbe.Harness.Aws;

/// <summary>
/// How the harness's SDK clients retry throttling (RequestLimitExceeded, SlowDown, ThrottlingException), 5xx and
/// connection errors. The SDK's own retry handler does the work (exponential backoff with jitter, a retry quota,
/// client tokens making the creating calls idempotent); this only decides the two knobs the AWS CLI decides, in
/// the same order: AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, then max_attempts / retry_mode of the profile in force
/// (--profile, else AWS_PROFILE, else default), then our default. The SDK reads the environment and the
/// AWS_PROFILE profile itself, but not a profile given as --profile, hence the resolution here.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
/// https://docs.aws.amazon.com/sdk-for-net/latest/developer-guide/retries-timeouts.html
/// </summary>
internal sealed record AwsRetries(int MaxAttempts, RequestRetryMode Mode, string Source)
{
    /// <summary>
    /// The SDK's standard mode gives 3 attempts, tuned for interactive calls. A run lasts minutes, and one throttled
    /// describe must not end it: 10 attempts of standard mode ride out about a minute of throttling (backoff
    /// capped at 20 s) while a persistent refusal still ends the run.
    /// </summary>
    public const int DefaultMaxAttempts = 10;

    public static AwsRetries Resolve(string? profileName, Func<string, string?>? environment = null, ICredentialProfileSource? profiles = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var profile = Profile(profileName ?? environment("AWS_PROFILE") ?? "default", profiles ?? new CredentialProfileStoreChain());
        var attempts = Attempts(environment("AWS_MAX_ATTEMPTS"), "AWS_MAX_ATTEMPTS")
            ?? (profile?.MaxAttempts is int fromProfile ? Checked(fromProfile, $"max_attempts of profile {profile.Name}") : null);
        var mode = ParseMode(environment("AWS_RETRY_MODE"), "AWS_RETRY_MODE") ?? profile?.RetryMode;
        var source = environment("AWS_MAX_ATTEMPTS") is not null ? "AWS_MAX_ATTEMPTS"
            : profile?.MaxAttempts is not null ? $"profile {profile.Name}" : "default";
        return new AwsRetries(attempts ?? DefaultMaxAttempts, mode ?? RequestRetryMode.Standard, source);
    }

    public void Apply(ClientConfig config)
    {
        config.RetryMode = Mode;
        config.MaxErrorRetry = MaxAttempts - 1;
    }

    private static CredentialProfile? Profile(string name, ICredentialProfileSource profiles) =>
        profiles.TryGetProfile(name, out var profile) ? profile : null;

    private static int? Attempts(string? text, string name) =>
        text is null ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Checked(n, name)
        : throw new AwsSettingsException($"{name}='{text}' is not a number of attempts; give a whole number of 1 or more, or unset it.");

    private static int Checked(int attempts, string name) =>
        attempts >= 1 ? attempts : throw new AwsSettingsException($"{name}={attempts}: the number of attempts must be 1 or more.");

    private static RequestRetryMode? ParseMode(string? text, string name) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "standard" => RequestRetryMode.Standard,
        "adaptive" => RequestRetryMode.Adaptive,

        // The SDK for .NET v4 has no legacy mode; the CLI's legacy is closest to standard.
        "legacy" => RequestRetryMode.Standard,
        _ => throw new AwsSettingsException($"{name}='{text}' is not a retry mode; use standard or adaptive."),
    };
}
