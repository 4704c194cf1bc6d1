using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// Option values checked by the parser: a bad one is a usage error (exit 2) with one message naming the option and
/// what would be valid, before any AWS call (the endpoint given is one nobody answers, so a call would be exit 3).
/// </summary>
public class OptionChecksTests
{
    private const string Nobody = "http://127.0.0.1:9";

    [Theory]
    [InlineData("--endpoint-url: 'not-a-url' is not an http(s) URL", "discover", "--vpc", "vpc-1", "--region", "us-east-1", "--endpoint-url", "not-a-url")]
    [InlineData("--region: 'moon-1' is not an AWS region", "discover", "--vpc", "vpc-1", "--region", "moon-1", "--endpoint-url", Nobody)]
    [InlineData("--region: 'us-east-1; echo pwned' is not an AWS region", "audit", "--vpc", "vpc-1", "--region", "us-east-1; echo pwned", "--endpoint-url", Nobody)]
    [InlineData("--instance: 'not-an-instance' is not an instance id", "probe", "--instance", "not-an-instance", "--plan", "plan.json", "--transport", "local", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--wait-for: '0s' must be positive", "run", "walkthrough", "--vpc", "vpc-1", "--wait-for", "0s", "--transport", "local", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--wait-for: '25h' is longer than the 24h limit", "run", "walkthrough", "--vpc", "vpc-1", "--wait-for", "25h", "--transport", "local", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--undo-retry-for: '0s' must be positive", "rollback", "some-run", "--undo-retry-for", "0s", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--undo-retry-for: '99999999999999999999s' is longer than the 24h limit", "run", "walkthrough", "--vpc", "vpc-1", "--undo-retry-for", "99999999999999999999s", "--transport", "local", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--bucket: 'BAD BUCKET' is not an S3 bucket name", "run", "walkthrough", "--vpc", "vpc-1", "--bucket", "BAD BUCKET", "--transport", "local", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--staging-bucket: 'a/b' is not an S3 bucket name", "agent", "deploy", "--instance", "i-0123456789abcdef0", "--staging-bucket", "a/b", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--output-bucket: 'x' is not an S3 bucket name", "probe", "--instance", "i-0123456789abcdef0", "--plan", "plan.json", "--staging-bucket", "stage", "--output-bucket", "x", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--instance-s3-endpoint: 'notaurl' is not an http(s) URL", "probe", "--instance", "i-0123456789abcdef0", "--plan", "plan.json", "--staging-bucket", "stage", "--instance-s3-endpoint", "notaurl", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--ssm-max-concurrency: '-3' is not an SSM rate", "probe", "--instance", "i-0123456789abcdef0", "--plan", "plan.json", "--staging-bucket", "stage", "--ssm-tag-target", "fleet=a", "--ssm-max-concurrency", "-3", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--ssm-max-errors: '101%' is not an SSM rate", "probe", "--instance", "i-0123456789abcdef0", "--plan", "plan.json", "--staging-bucket", "stage", "--ssm-tag-target", "fleet=a", "--ssm-max-errors", "101%", "--region", "us-east-1", "--endpoint-url", Nobody)]
    [InlineData("--ssm-tag-target: 'fleet' is not KEY=VALUE", "probe", "--instance", "i-0123456789abcdef0", "--plan", "plan.json", "--staging-bucket", "stage", "--ssm-tag-target", "fleet", "--region", "us-east-1", "--endpoint-url", Nobody)]
    public async Task a_bad_option_value_is_one_usage_error_naming_the_option_before_any_aws_call(string says, params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.True(run.ExitCode == ExitCodes.Usage, $"exit {run.ExitCode}\n{run.Error}");
        Assert.Contains(says, run.Error, StringComparison.Ordinal);
        var option = says[..says.IndexOf(':', StringComparison.Ordinal)];
        Assert.Single(run.Error.Split('\n'), l => l.Contains(option + ":", StringComparison.Ordinal));
        Assert.DoesNotContain("could not call AWS", run.Error, StringComparison.Ordinal);
    }
}
