using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using VpceProbe.Contract.Aws;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// The real heartbeat: resolve the SSM endpoints with the instance's own resolver (the VPC resolver, so private DNS
/// of interface endpoints is honoured), then open TCP 443 to each answer the agent needs from inside the namespace.
/// A silent drop (no NAT route, a security group) shows as a connect timeout.
/// With 50 instances a heartbeat a second, a resolver process per instance would keep two cores busy. The VPC
/// resolver gives every instance of a subnet the same answers (and AWS filters no DNS traffic to it by security
/// group or network ACL), so a round resolves once per subnet, in one of its instances, and shares the answers;
/// the TCP connects stay per instance, since security groups are. A subnet's complete answers are kept across rounds
/// until the data plane changes (a reconcile pass: private DNS of an endpoint, the VPC's DNS attributes) or for
/// <see cref="AnswersKeptFor"/>, as a resolver caches by TTL (AWS gives its service names 60 s): one `getent` per
/// subnet a second was a tenth of a core on a 3-subnet fleet. Incomplete answers (a lookup cut short on a loaded
/// machine) are asked again next round rather than kept, so one slow lookup never takes a subnet's agents offline.
/// Likewise an instance that reached everything its agent needs is not asked again until the data plane changes or
/// <see cref="ReachedKeptFor"/> has passed: in the lab every change to a path (routes, security groups, ACLs,
/// endpoints, their `pending` ending) is a reconcile pass, and 150 connects a second into the gateway's frontends
/// were most of what an idle 50-instance lab spent. A failure is never kept: it is asked again next round.
/// </summary>
internal sealed class NamespaceReachability(IDataPlane dataPlane, string region, TimeSpan connectTimeout, TimeProvider time) : ISsmReachability
{
    public static readonly TimeSpan AnswersKeptFor = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan ReachedKeptFor = TimeSpan.FromSeconds(10);

    // By namespace and the services its agent needs (an agent version tag can change them without a reconcile pass).
    private readonly ConcurrentDictionary<string, (int Passes, long At)> _reached = new(StringComparer.Ordinal);

    private ConcurrentDictionary<string, Lazy<Task<Dictionary<string, IPAddress>>>> _answers = new(StringComparer.Ordinal);
    private (int Passes, long At) _answered = (-1, 0);

    public void StartRound()
    {
        var passes = dataPlane.Passes;
        if (passes != _answered.Passes || time.GetElapsedTime(_answered.At) >= AnswersKeptFor)
        {
            _answers = new(StringComparer.Ordinal);
            _answered = (passes, time.GetTimestamp());
            return;
        }

        foreach (var (subnet, answer) in _answers)
        {
            if (!answer.IsValueCreated || !answer.Value.IsCompletedSuccessfully || !SsmControlPath.AllServices.Select(Name).All(answer.Value.Result.ContainsKey))
            {
                _answers.TryRemove(subnet, out _);
            }
        }
    }

    public async Task<bool> ReachesSsmAsync(SsmHeartbeatTarget target, CancellationToken cancellationToken)
    {
        var key = target.Namespace + " " + string.Join(',', target.Services);
        var passes = dataPlane.Passes; // before connecting: a pass that lands meanwhile makes this round's answer stale
        if (_reached.TryGetValue(key, out var kept) && kept.Passes == passes && time.GetElapsedTime(kept.At) < ReachedKeptFor)
        {
            return true;
        }

        var reached = await ConnectsToAllAsync(target, cancellationToken).ConfigureAwait(false);
        if (reached)
        {
            _reached[key] = (passes, time.GetTimestamp());
        }
        else
        {
            _reached.TryRemove(key, out _);
        }

        return reached;
    }

    private async Task<bool> ConnectsToAllAsync(SsmHeartbeatTarget target, CancellationToken cancellationToken)
    {
        var answers = _answers;
        var addresses = await answers.GetOrAdd(target.SubnetId ?? target.Namespace, _ => new(() => ResolveAsync(target.Namespace, cancellationToken))).Value
            .ConfigureAwait(false);
        var names = target.Services.Select(Name).ToList();
        if (!names.All(addresses.ContainsKey))
        {
            return false;
        }

        var connects = names.Select(n => ConnectsAsync(target.Namespace, addresses[n], cancellationToken));
        return (await Task.WhenAll(connects).ConfigureAwait(false)).All(ok => ok);
    }

    private string Name(string service) => ServiceHostName.Of(service, region);

    // One getent for every name an agent may need: one process per subnet and round.
    private async Task<Dictionary<string, IPAddress>> ResolveAsync(string namespaceName, CancellationToken cancellationToken)
    {
        var lookup = await dataPlane.RunAsync(namespaceName, ["getent", "hosts", .. SsmControlPath.AllServices.Select(Name)], connectTimeout, cancellationToken)
            .ConfigureAwait(false);
        return Parse(lookup.StandardOutput);
    }

    private async Task<bool> ConnectsAsync(string namespaceName, IPAddress address, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            using var socket = await dataPlane.ConnectAsync(namespaceName, new IPEndPoint(address, 443), timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // getent hosts prints "ADDRESS   NAME [ALIASES]" per name it resolved.
    internal static Dictionary<string, IPAddress> Parse(string output)
    {
        var result = new Dictionary<string, IPAddress>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && IPAddress.TryParse(fields[0], out var address))
            {
                foreach (var name in fields.Skip(1))
                {
                    result.TryAdd(name, address);
                }
            }
        }

        return result;
    }
}
