using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Amazon.EC2;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The lab's <see cref="IDataPlane"/>: builds the fabric, opens the service frontends, runs the web host and
/// the VPC resolver, and reconciles the router with the VPC state read from moto. Passes run one at a time and
/// callers share them (<see cref="ReconcilePasses"/>).
/// </summary>
internal sealed class LabDataPlane : IDataPlane, IAsyncDisposable
{
    private readonly LabNames _names;
    private readonly VpcStateReader _reader;
    private readonly RouterPlanner _planner;
    private readonly RouterApplier _applier;
    private readonly VpcResolver _resolver;
    private readonly ReconcilePasses _passes;
    private readonly WebHost _webHost;
    private readonly IReadOnlyDictionary<string, string> _publicServiceByAddress;
    private volatile RouterPlan? _plan;
    private volatile VpcState? _vpc;

    private LabDataPlane(LabNames names, LabTopology topology, IAmazonEC2 moto, LabState state, string caPem, WebHost webHost, IReadOnlyList<ServiceFrontend> frontends)
    {
        _names = names;
        _reader = new VpcStateReader(moto, state);
        _planner = new RouterPlanner(names, topology.Region, topology.Internet);
        _resolver = new VpcResolver(names, topology.Region, topology.Internet.ServiceAddresses["s3"]);
        _applier = new RouterApplier(names, _resolver, caPem);
        _webHost = webHost;
        Frontends = frontends;
        _publicServiceByAddress = topology.Internet.ServiceAddresses.ToDictionary(p => p.Value, p => p.Key);
        PublicServiceAddresses = topology.Internet.ServiceAddresses;
        // Every failed pass is in the daemon's log, also one nobody waited for (a background pass after a ping status).
        _passes = new ReconcilePasses(PassAsync, e => Console.Error.WriteLine($"reconcile failed ({e.GetType().Name}): {e.Message}"), state.Time);
        state.Changed += RequestReconcile;
        state.BeforeAvailable = ReconcileAsync;
    }

    public IReadOnlyList<ServiceFrontend> Frontends { get; }

    public IReadOnlyDictionary<string, string> PublicServiceAddresses { get; }

    public static async Task<LabDataPlane> StartAsync(
        LabNames names, LabTopology topology, IAmazonEC2 moto, LabState state, string caPem, X509Certificate2 webCertificate, CancellationToken ct)
    {
        await LabFabric.BuildAsync(names, topology.Internet, ct).ConfigureAwait(false);
        var frontends = new List<ServiceFrontend>();
        foreach (var (service, address) in topology.Internet.ServiceAddresses)
        {
            frontends.Add(new ServiceFrontend($"public-{service}", names.Internet, FrontendKind.AwsService, NamespaceSockets.Listen(names.Internet, new IPEndPoint(IPAddress.Parse(address), 443))));
        }

        frontends.Add(new ServiceFrontend("vpc", names.Router, FrontendKind.AwsService, NamespaceSockets.Listen(names.Router, new IPEndPoint(IPAddress.Any, 443))));
        frontends.Add(new ServiceFrontend("imds", names.Router, FrontendKind.Imds, NamespaceSockets.Listen(names.Router, new IPEndPoint(IPAddress.Parse(LabAddresses.Imds), 80))));
        var webHost = WebHost.Start(names.Internet, topology.Internet.WebHosts.Values, webCertificate);
        return new LabDataPlane(names, topology, moto, state, caPem, webHost, frontends);
    }

    /// <summary>Waits for a pass that started after this call (shared with every caller waiting at that time).</summary>
    public Task ReconcileAsync(CancellationToken cancellationToken) => _passes.RunAsync(cancellationToken);

    public void RequestReconcile() => _passes.Request();

    /// <summary>Reconcile passes completed so far.</summary>
    public int Passes => _passes.Completed;

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        var vpc = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (vpc is null)
        {
            return;
        }

        var plan = _planner.Plan(vpc);
        await _applier.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
        _vpc = vpc;
        _plan = plan;
    }

    public string? InstanceNamespace(string instanceId) =>
        _plan?.Attachments.FirstOrDefault(a => a.Id == instanceId && !a.IsNat)?.Namespace;

    public Task<NamespaceProcessResult> RunAsync(string namespaceName, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var inNamespace = InstanceDisk.IsInstance(_names, namespaceName) ? InstanceDisk.Wrap(_names, namespaceName, command) : command;
        return Commands.RunAsync(["ip", "netns", "exec", namespaceName, .. inNamespace], null, timeout, cancellationToken);
    }

    public Socket OpenListener(string namespaceName, IPEndPoint localEndPoint) => NamespaceSockets.Listen(namespaceName, localEndPoint);

    public Task<Socket> ConnectAsync(string namespaceName, IPEndPoint remoteEndPoint, CancellationToken cancellationToken) =>
        NamespaceSockets.ConnectAsync(namespaceName, remoteEndPoint, cancellationToken);

    public ServicePath PathOf(ServiceFrontend frontend, IPEndPoint localEndPoint, IPEndPoint remoteEndPoint) =>
        ServicePaths.Resolve(_names, frontend, localEndPoint, remoteEndPoint, _plan, _vpc, _publicServiceByAddress);

    public async ValueTask DisposeAsync()
    {
        // First: a pass still running would start the resolver again or write into namespaces being removed.
        await _passes.DisposeAsync().ConfigureAwait(false);
        await _webHost.DisposeAsync().ConfigureAwait(false);
        await _resolver.DisposeAsync().ConfigureAwait(false);
        foreach (var frontend in Frontends)
        {
            frontend.Listener.Dispose();
        }
    }
}
