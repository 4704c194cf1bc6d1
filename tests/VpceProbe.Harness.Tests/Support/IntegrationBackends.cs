using VpceProbe.Testing.Backends;

[assembly: AssemblyFixture(typeof(VpceProbe.Harness.Tests.Support.IntegrationBackends))]

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// The backends the integration tests (discover, the walkthrough run, adoption, crash recovery) run on, one
/// of each per test assembly: a test is a theory over <see cref="Names"/> and asks <see cref="UseAsync"/>
/// for its endpoint. Every run names its backend in its output; a backend that cannot run here skips the
/// test with the reason. Filter with <c>--filter-trait "Category=Integration"</c>, one backend with
/// <c>--filter-trait "Backend=localstack"</c>.
/// </summary>
public sealed class IntegrationBackends : IAsyncLifetime
{
    public const string Category = "Integration";

    private readonly BackendPool _pool = new(LabBackend.StartAsync);

    /// <summary>Every backend, each row with the traits Category=Integration and Backend=NAME.</summary>
    public static IEnumerable<TheoryDataRow<string>> Names =>
        AwsBackend.All.Select(name => new TheoryDataRow<string>(name).WithTrait("Category", Category).WithTrait("Backend", name));

    /// <summary>Every backend crossed with each of <paramref name="values"/>, with the same traits.</summary>
    public static IEnumerable<TheoryDataRow<string, T>> NamesWith<T>(IEnumerable<T> values) =>
        AwsBackend.All.SelectMany(name => values.Select(value =>
            new TheoryDataRow<string, T>(name, value).WithTrait("Category", Category).WithTrait("Backend", name)));

    /// <summary>
    /// The backend's endpoint, named in the test's output with what it cannot judge; skips the test, saying
    /// why, where the backend cannot run on this machine.
    /// </summary>
    public async Task<AwsEndpoint> UseAsync(string name)
    {
        var (backend, unavailable) = await _pool.GetAsync(name, TestContext.Current.CancellationToken);
        if (backend is null)
        {
            Say($"backend: {name}: not available here: {unavailable}");
            Assert.Skip($"backend {name}: {unavailable}");
        }

        Say(backend.MovesPackets
            ? $"backend: {name} at {backend.EndpointUrl} (moves packets)"
            : $"backend: {name} at {backend.EndpointUrl}; {backend.NoPacketsReason}, so this test asserts the AWS side only");
        return new BackendEndpoint(backend);
    }

    private static void Say(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }

    public ValueTask InitializeAsync()
    {
        AwsEndpoint.UseTestCredentials();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
