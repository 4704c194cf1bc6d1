using VpceProbe.Harness.Aws;
using VpceProbe.Testing;

[assembly: AssemblyFixture(typeof(VpceProbe.Harness.Tests.Support.MotoFixture))]

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// One moto server for the whole test assembly (take it as a constructor parameter). Tests never reset
/// it: each creates its own VPC, so they can run in parallel.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto server not started");

    /// <summary>Settings that send every call to this moto server, in moto's region.</summary>
    public AwsSettings Settings => new(null, MotoServer.Region, Server.Url);

    public AwsClientFactory Clients => new(Settings);

    /// <summary>The CLI arguments that point a command at this moto server.</summary>
    public IReadOnlyList<string> CliArgs => ["--region", MotoServer.Region, "--endpoint-url", Server.Url];

    public async ValueTask InitializeAsync()
    {
        // The SDK's default chain reads these first; with IMDS disabled it never looks beyond this machine.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        _server = await MotoServer.StartAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
