using System.Runtime.ExceptionServices;

namespace VpceProbe.Testing.Backends;

/// <summary>
/// The backends of the integration suite, each started on first use and shared by a test assembly, stopped
/// when the pool is disposed. moto always; LocalStack when a Docker engine answers (asked up front); the lab
/// through the starter the assembly gives (only an assembly that references the lab can start one).
/// A backend that cannot run says why, and the test skips with that reason; a backend that should run but
/// fails to start fails every test that asks for it, with the first failure, without trying again.
/// </summary>
public sealed class BackendPool(Func<string, CancellationToken, Task<BackendStart>>? labStarter = null) : IAsyncDisposable
{
    private const string NoLab = "this test assembly cannot start the lab";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, BackendStart> _started = [];
    private readonly Dictionary<string, ExceptionDispatchInfo> _failed = [];
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>The backend, or null and the reason it cannot run here.</summary>
    public async Task<(AwsBackend? Backend, string? Unavailable)> GetAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _failed.GetValueOrDefault(name)?.Throw();
            if (!_started.TryGetValue(name, out var start))
            {
                try
                {
                    start = await StartAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException && e is not ArgumentException)
                {
                    _failed[name] = ExceptionDispatchInfo.Capture(e);
                    throw;
                }

                _started[name] = start;
                if (start.Owner is not null)
                {
                    _owned.Add(start.Owner);
                }
            }

            return (start.Backend, start.Unavailable);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BackendStart> StartAsync(string name, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case AwsBackend.Moto:
                var moto = await MotoServer.StartAsync(cancellationToken).ConfigureAwait(false);
                return BackendStart.Ready(new AwsBackend(name, moto.Url, MotoServer.Region, MovesPackets: false), moto);
            case AwsBackend.LocalStack:
                if (await DockerEngine.WhyUnavailableAsync(cancellationToken).ConfigureAwait(false) is { } noDocker)
                {
                    return BackendStart.CannotRun(noDocker);
                }

                var localstack = await LocalStackBackend.StartAsync(cancellationToken).ConfigureAwait(false);
                return BackendStart.Ready(new AwsBackend(name, localstack.EndpointUrl, MotoServer.Region, MovesPackets: false), localstack);
            case AwsBackend.Lab or AwsBackend.LabTwoAz:
                return labStarter is null ? BackendStart.CannotRun(NoLab) : await labStarter(name, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentException($"unknown backend '{name}'; known: {string.Join(", ", AwsBackend.All)}", nameof(name));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
