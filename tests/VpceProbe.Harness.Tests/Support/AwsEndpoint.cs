using VpceProbe.Harness.Aws;
using VpceProbe.Testing;
using VpceProbe.Testing.Backends;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// An AWS endpoint the harness is pointed at in a test (moto, LocalStack or the lab): its URL and region,
/// the harness's settings, SDK clients and CLI arguments for it.
/// </summary>
public abstract class AwsEndpoint
{
    public abstract AwsBackend Backend { get; }

    public string Url => Backend.EndpointUrl;

    public string Region => Backend.Region;

    /// <summary>Settings that send every call to this endpoint, in its region.</summary>
    internal AwsSettings Settings => new(null, Region, Url);

    internal AwsClientFactory Clients => new(Settings);

    /// <summary>The CLI arguments that point a command at this endpoint.</summary>
    public IReadOnlyList<string> CliArgs => ["--region", Region, "--endpoint-url", Url];

    /// <summary>
    /// Fake credentials every backend accepts, for the SDK clients, the CLI in-process and the children
    /// (agent, harness) that inherit the environment. With IMDS disabled the SDK never looks beyond this machine.
    /// </summary>
    public static void UseTestCredentials()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}

/// <summary>A backend of the integration suite as an endpoint (<see cref="IntegrationBackends.UseAsync"/>).</summary>
internal sealed class BackendEndpoint(AwsBackend backend) : AwsEndpoint
{
    public override AwsBackend Backend => backend;
}
