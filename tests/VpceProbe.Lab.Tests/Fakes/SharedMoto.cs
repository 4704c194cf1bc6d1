using VpceProbe.Testing;

[assembly: AssemblyFixture(typeof(VpceProbe.Lab.Tests.Fakes.SharedMoto))]

namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>One moto server for the whole test assembly; tests isolate by the resources they create.</summary>
public sealed class SharedMoto : IAsyncLifetime
{
    public MotoServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await MotoServer.StartAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
