namespace VpceProbe.Testing.Backends;

/// <summary>
/// What starting a backend gave: the backend and what to dispose to stop it, or why it cannot run on this
/// machine (the tests skip with that reason).
/// </summary>
public sealed record BackendStart(AwsBackend? Backend, IAsyncDisposable? Owner, string? Unavailable)
{
    public static BackendStart Ready(AwsBackend backend, IAsyncDisposable owner) => new(backend, owner, null);

    public static BackendStart CannotRun(string reason) => new(null, null, reason);
}
