using VpceProbe.Testing;
using VpceProbe.Testing.Backends;

[assembly: AssemblyFixture(typeof(VpceProbe.Harness.Tests.Support.MotoFixture))]

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// One moto server for the whole test assembly (take it as a constructor parameter). Tests never reset
/// it: each creates its own VPC, so they can run in parallel. The integration tests that run on every
/// backend take <see cref="IntegrationBackends"/> instead.
/// </summary>
public sealed class MotoFixture : AwsEndpoint, IAsyncLifetime
{
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto server not started");

    public override AwsBackend Backend => new(AwsBackend.Moto, Server.Url, MotoServer.Region, MovesPackets: false);

    public async ValueTask InitializeAsync()
    {
        UseTestCredentials();
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
