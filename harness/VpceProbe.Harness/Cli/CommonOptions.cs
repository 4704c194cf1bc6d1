using System.CommandLine;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Cli;

/// <summary>Options every AWS-facing command takes. Add them with <see cref="AddTo"/>; read them with <see cref="Aws"/>.</summary>
internal sealed class CommonOptions
{
    private readonly Amazon.Runtime.AWSCredentials? _credentials;

    public Option<string?> Profile { get; } = new("--profile") { Description = "AWS profile (default: AWS_PROFILE or the SDK's default chain)." };

    public Option<string?> Region { get; } = new("--region") { Description = "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1)." };

    public Option<string?> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "Send every AWS call here (LocalStack, moto, the lab). Default: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL.",
    };

    /// <param name="credentials">Credentials the program pins (`demo`: the lab's); null for the usual profile/default chain.</param>
    public CommonOptions(Amazon.Runtime.AWSCredentials? credentials = null)
    {
        _credentials = credentials;
        OptionChecks.Region(Region);
        OptionChecks.HttpUrl(EndpointUrl);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Region);
        command.Options.Add(EndpointUrl);
    }

    public AwsSettings Aws(ParseResult parse) =>
        new(parse.GetValue(Profile), parse.GetValue(Region), parse.GetValue(EndpointUrl)) { Credentials = _credentials };
}
