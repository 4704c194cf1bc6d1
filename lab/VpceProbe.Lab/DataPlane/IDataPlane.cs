using System.Net;
using System.Net.Sockets;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The packets side of the lab: namespaces, routes, nft rules and the VPC resolver, kept in line with the
/// VPC state. The gateway (control plane) calls it after each mutating AWS call and uses it to run commands
/// and open sockets inside lab namespaces. Everything here lives inside namespaces the lab created.
/// </summary>
internal interface IDataPlane
{
    /// <summary>Reads the VPC state and applies routes, nft rules and DNS. Returns when the change is in force.</summary>
    Task ReconcileAsync(CancellationToken cancellationToken);

    /// <summary>Asks for a reconcile soon without waiting (several requests coalesce into one pass).</summary>
    void RequestReconcile();

    /// <summary>Reconcile passes completed so far: what the VPC resolver answers changes only with one.</summary>
    int Passes { get; }

    /// <summary>The namespace of an instance (vpl-NAME-i-…), or null when the lab has no such instance.</summary>
    string? InstanceNamespace(string instanceId);

    /// <summary>Runs a program inside a namespace (`ip netns exec`, so /etc/netns/NS files are in force).</summary>
    Task<NamespaceProcessResult> RunAsync(string namespaceName, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>A listening TCP socket bound inside a namespace (from a thread that entered it with setns).</summary>
    Socket OpenListener(string namespaceName, IPEndPoint localEndPoint);

    /// <summary>A TCP connection made from inside a namespace (e.g. the emulated SSM agent's heartbeat).</summary>
    Task<Socket> ConnectAsync(string namespaceName, IPEndPoint remoteEndPoint, CancellationToken cancellationToken);

    /// <summary>The listeners the gateway must serve: AWS service frontends (TLS 443) and IMDS (HTTP 80).</summary>
    IReadOnlyList<ServiceFrontend> Frontends { get; }

    /// <summary>Each AWS service's address in the lab's internet (service → address), where its public path goes.</summary>
    IReadOnlyDictionary<string, string> PublicServiceAddresses { get; }

    /// <summary>How a connection accepted on one of <see cref="Frontends"/> reached it.</summary>
    ServicePath PathOf(ServiceFrontend frontend, IPEndPoint localEndPoint, IPEndPoint remoteEndPoint);
}

/// <param name="TimedOut">The command was killed after the timeout.</param>
internal sealed record NamespaceProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);
