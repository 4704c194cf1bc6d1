using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>
/// A data plane without namespaces, for gateway tests that need no root: frontends are loopback listeners,
/// the path of a connection is whatever the test sets, and "run in namespace" runs the (harmless) command
/// locally. It counts reconciles so tests can see that mutating calls asked for one.
/// </summary>
internal sealed class FakeDataPlane : IDataPlane, IDisposable
{
    private readonly ConcurrentDictionary<string, string> _namespaces = new(StringComparer.Ordinal);
    private readonly List<ServiceFrontend> _frontends = [];
    private int _reconciles;

    public int Reconciles => Volatile.Read(ref _reconciles);

    public int Passes => Reconciles;

    public IReadOnlyDictionary<string, string> PublicServiceAddresses { get; set; } = new Dictionary<string, string>();

    /// <summary>What <see cref="PathOf"/> answers for service frontends.</summary>
    public ServicePath ServicePath { get; set; } = new(ServicePathKind.Public, null, null, null);

    /// <summary>The instance IMDS requests come from.</summary>
    public string? ImdsInstanceId { get; set; }

    public IReadOnlyList<ServiceFrontend> Frontends => _frontends;

    public ServiceFrontend AddFrontend(FrontendKind kind)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(64);
        var frontend = new ServiceFrontend(kind.ToString(), "fake", kind, socket);
        _frontends.Add(frontend);
        return frontend;
    }

    public void AddInstance(string instanceId) => _namespaces[instanceId] = $"fake-{instanceId}";

    public void RemoveInstance(string instanceId) => _namespaces.TryRemove(instanceId, out _);

    /// <summary>What every reconcile throws, as a data plane whose ip/nft commands fail would (null: they succeed).</summary>
    public Exception? ReconcileFailure { get; set; }

    public Task ReconcileAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reconciles);
        return ReconcileFailure is { } failure ? Task.FromException(failure) : Task.CompletedTask;
    }

    public void RequestReconcile() => Interlocked.Increment(ref _reconciles);

    public string? InstanceNamespace(string instanceId) => _namespaces.TryGetValue(instanceId, out var ns) ? ns : null;

    /// <summary>When set, answers "run in namespace" instead of running the command (null: run it locally).</summary>
    public Func<IReadOnlyList<string>, NamespaceProcessResult>? Answer { get; set; }

    private int _runs;

    /// <summary>Commands run (or answered) in a namespace so far.</summary>
    public int Runs => Volatile.Read(ref _runs);

    public async Task<NamespaceProcessResult> RunAsync(string namespaceName, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        if (Answer is { } answer)
        {
            return answer(command);
        }

        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return new NamespaceProcessResult(-1, await stdout, await stderr, TimedOut: true);
        }

        return new NamespaceProcessResult(process.ExitCode, await stdout, await stderr, TimedOut: false);
    }

    public Socket OpenListener(string namespaceName, IPEndPoint localEndPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(64);
        return socket;
    }

    /// <summary>When set, every connection goes there (a test's listener) instead of loopback at the asked port.</summary>
    public IPEndPoint? ConnectTarget { get; set; }

    private int _connects;

    /// <summary>Connections asked for so far.</summary>
    public int Connects => Volatile.Read(ref _connects);

    public async Task<Socket> ConnectAsync(string namespaceName, IPEndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connects);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(ConnectTarget ?? new IPEndPoint(IPAddress.Loopback, remoteEndPoint.Port), cancellationToken);
        return socket;
    }

    public ServicePath PathOf(ServiceFrontend frontend, IPEndPoint localEndPoint, IPEndPoint remoteEndPoint) =>
        frontend.Kind == FrontendKind.Imds ? new ServicePath(ServicePathKind.Imds, null, null, ImdsInstanceId) : ServicePath;

    public void Dispose()
    {
        // Kestrel took over the listening handles and closed them when it stopped; forget them here
        // so that the sockets' finalizers never close a descriptor number that was reused since.
        foreach (var frontend in _frontends)
        {
            frontend.Listener.SafeHandle.SetHandleAsInvalid();
        }
    }
}
