using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Aws;

/// <summary>How many attempts the harness's clients make, and in which mode, decided as the AWS CLI decides.</summary>
public class AwsRetriesTests(MotoFixture moto)
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    private static ICredentialProfileSource Profiles(string text)
    {
        var dir = Directory.CreateTempSubdirectory("vpceprobe-profiles-").FullName;
        var credentials = Path.Combine(dir, "credentials");
        File.WriteAllText(credentials, text);
        return new CredentialProfileStoreChain(credentials);
    }

    private static readonly ICredentialProfileSource NoProfiles = Profiles("");

    [Fact]
    public void without_settings_a_long_run_gets_ten_attempts_in_standard_mode()
    {
        var retries = AwsRetries.Resolve(null, Env(), NoProfiles);

        Assert.Equal((AwsRetries.DefaultMaxAttempts, RequestRetryMode.Standard, "default"), (retries.MaxAttempts, retries.Mode, retries.Source));
    }

    [Fact]
    public void aws_max_attempts_and_aws_retry_mode_win_over_the_profile()
    {
        var profiles = Profiles("[ci]\naws_access_key_id = a\naws_secret_access_key = b\nmax_attempts = 7\nretry_mode = standard\n");

        var retries = AwsRetries.Resolve("ci", Env(("AWS_MAX_ATTEMPTS", "3"), ("AWS_RETRY_MODE", "adaptive")), profiles);

        Assert.Equal((3, RequestRetryMode.Adaptive), (retries.MaxAttempts, retries.Mode));
    }

    [Fact]
    public void the_profile_given_as_profile_sets_max_attempts_and_retry_mode()
    {
        var profiles = Profiles("[ci]\naws_access_key_id = a\naws_secret_access_key = b\nmax_attempts = 7\nretry_mode = adaptive\n");

        var retries = AwsRetries.Resolve("ci", Env(), profiles);

        Assert.Equal((7, RequestRetryMode.Adaptive, "profile ci"), (retries.MaxAttempts, retries.Mode, retries.Source));
    }

    [Theory]
    [InlineData("AWS_MAX_ATTEMPTS", "0")]
    [InlineData("AWS_MAX_ATTEMPTS", "many")]
    [InlineData("AWS_RETRY_MODE", "eager")]
    public void a_bad_setting_is_a_usage_error_naming_it(string name, string value)
    {
        var e = Assert.Throws<AwsSettingsException>(() => AwsRetries.Resolve(null, Env((name, value)), NoProfiles));

        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_ec2_call_throttled_every_time_is_tried_max_attempts_times_then_fails_with_the_throttling_code()
    {
        await using var proxy = FaultingProxy.Start(moto.Url);
        proxy.ThrottleRate = 1;
        Environment.SetEnvironmentVariable("AWS_MAX_ATTEMPTS", null);
        using var ec2 = new AwsClientFactory(new AwsSettings(null, moto.Region, proxy.Url)).Ec2();

        var e = await Assert.ThrowsAsync<Amazon.EC2.AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new(), TestContext.Current.CancellationToken));

        Assert.Equal("RequestLimitExceeded", e.ErrorCode);
        Assert.Equal(AwsRetries.DefaultMaxAttempts, proxy.Throttled);
    }

    [Fact]
    public async Task an_ssm_call_throttled_then_answered_succeeds()
    {
        await using var proxy = FaultingProxy.Start(moto.Url, seed: 3);
        proxy.ThrottleRate = 0.5;
        using var ssm = new AwsClientFactory(new AwsSettings(null, moto.Region, proxy.Url)).Ssm();

        for (var i = 0; i < 10; i++)
        {
            await ssm.DescribeParametersAsync(new(), TestContext.Current.CancellationToken);
        }

        Assert.True(proxy.Throttled > 0, "the proxy throttled nothing");
    }
}
