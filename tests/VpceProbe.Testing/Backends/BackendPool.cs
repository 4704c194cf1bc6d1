using Xunit;

namespace VpceProbe.Testing.Backends;

/// <summary>
/// The backends of the integration suite, started on first use and shared by a test assembly
/// (<c>[assembly: AssemblyFixture(typeof(BackendPool))]</c>). moto always; LocalStack when a Docker
/// engine answers (asked up front); the lab when <see cref="LabStarter"/> is set and the process is root.
/// A backend that cannot run says why, and the test skips with that reason.
/// </summary>
public sealed class BackendPool : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (AwsBackend? Backend, string? Unavailable)> _started = [];
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>
    /// How to start the lab backend (set by the assembly that can reference the lab); null: the lab backend
    /// is unavailable with the reason "this test assembly has no lab".
    /// </summary>
    public static Func<CancellationToken, Task<(AwsBackend Backend, IAsyncDisposable Owner)>>? LabStarter { get; set; }

    /// <summary>The backend, or null and the reason it cannot run here.</summary>
    public async Task<(AwsBackend? Backend, string? Unavailable)> GetAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_started.TryGetValue(name, out var entry))
            {
                entry = await StartAsync(name, cancellationToken).ConfigureAwait(false);
                _started[name] = entry;
            }

            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(AwsBackend?, string?)> StartAsync(string name, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case AwsBackend.Moto:
                var moto = await MotoServer.StartAsync(cancellationToken).ConfigureAwait(false);
                _owned.Add(moto);
                return (new AwsBackend(name, moto.Url, MotoServer.Region, MovesPackets: false), null);
            case AwsBackend.LocalStack:
                if (await DockerEngine.WhyUnavailableAsync(cancellationToken).ConfigureAwait(false) is { } noDocker)
                {
                    return (null, noDocker);
                }

                var localstack = await LocalStackBackend.StartAsync(cancellationToken).ConfigureAwait(false);
                _owned.Add(localstack);
                return (new AwsBackend(name, localstack.EndpointUrl, MotoServer.Region, MovesPackets: false), null);
            case AwsBackend.Lab:
                if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
                {
                    return (null, "the lab needs Linux network namespaces and root");
                }

                if (LabStarter is null)
                {
                    return (null, "this test assembly has no lab");
                }

                var (lab, owner) = await LabStarter(cancellationToken).ConfigureAwait(false);
                _owned.Add(owner);
                return (lab, null);
            default:
                throw new ArgumentException($"unknown backend '{name}'; known: {string.Join(", ", AwsBackend.All)}", nameof(name));
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
