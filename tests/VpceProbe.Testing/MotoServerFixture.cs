using Xunit;

namespace VpceProbe.Testing;

/// <summary>
/// One moto server for a whole test assembly: declare <c>[assembly: AssemblyFixture(typeof(MotoServerFixture))]</c>
/// and take it as a constructor parameter. Tests share the server and isolate by resource names; nothing
/// here touches the process environment, so clients are given moto's credentials explicitly.
/// </summary>
public sealed class MotoServerFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto server not started");

    public async ValueTask InitializeAsync() => _server = await MotoServer.StartAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
