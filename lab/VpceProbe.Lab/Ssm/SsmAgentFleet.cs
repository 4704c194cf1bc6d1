using System.Collections.Concurrent;
using VpceProbe.Contract.Aws;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// The emulated SSM agents, one per running lab instance. Each heartbeat (every <see cref="GatewayOptions.HeartbeatInterval"/>)
/// checks from inside the instance's namespace that the endpoints its agent version needs are reachable
/// (<see cref="SsmControlPath"/>: ec2messages only below 3.3.40.0); at most <see cref="ConcurrentHeartbeats"/> at a
/// time, so a fleet of 50 instances does not saturate the host; the ping
/// status is Online after a successful one and ConnectionLost once none succeeded for
/// <see cref="GatewayOptions.ConnectionLostAfter"/>. Waiting commands are delivered to Online agents, end
/// DeliveryTimedOut past their deadline, and Undeliverable when their instance is gone.
/// </summary>
internal sealed class SsmAgentFleet(
    IDataPlane dataPlane, InstanceDirectory instances, ISsmReachability reachability, CommandStore commands,
    CommandExecutor executor, LabState state, TimeProvider time, GatewayOptions options)
{
    /// <summary>Heartbeats in flight at once: enough for 50 instances within a round, few enough for two cores.</summary>
    public const int ConcurrentHeartbeats = 8;

    private readonly ConcurrentDictionary<string, ManagedNode> _nodes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _inFlight = new(ConcurrentHeartbeats, ConcurrentHeartbeats);

    public IReadOnlyList<ManagedNode> Nodes => _nodes.Values.OrderBy(n => n.InstanceId, StringComparer.Ordinal).ToList();

    public ManagedNode? Node(string instanceId) => _nodes.TryGetValue(instanceId, out var n) ? n : null;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        do
        {
            try
            {
                await TickAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // moto did not answer this once (starting, stopping): the next heartbeat tries again.
            }
            catch (InvalidOperationException)
            {
                // moto answered DescribeInstances with an error: likewise skip this heartbeat.
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One heartbeat of every agent, then delivery of what waits.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var running = (await instances.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(i => i.State == "running")
            .Select(i => (Instance: i, Namespace: dataPlane.InstanceNamespace(i.InstanceId)))
            .Where(x => x.Namespace is not null)
            .ToList();
        reachability.StartRound();
        await Task.WhenAll(running.Select(x => HeartbeatAsync(x.Instance, x.Namespace!, cancellationToken))).ConfigureAwait(false);

        var present = running.Select(x => x.Instance.InstanceId).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _nodes.Values.Where(n => !present.Contains(n.InstanceId)).ToList())
        {
            // A stopped or vanished instance sends no heartbeat at all: it goes ConnectionLost like any silent agent.
            MarkSilent(gone);
        }

        foreach (var invocation in commands.Waiting.ToList())
        {
            _ = Deliver(invocation, present.Contains(invocation.InstanceId), cancellationToken);
        }
    }

    /// <summary>
    /// Right after SendCommand (or when its rate controls let it go): an Online agent receives the command at once, as
    /// a connected agent would. The task ends when the command has run, or at once when it could not be delivered now.
    /// </summary>
    public Task DeliverNow(CommandInvocation invocation, CancellationToken cancellationToken) =>
        Deliver(invocation, instancePresent: dataPlane.InstanceNamespace(invocation.InstanceId) is not null, cancellationToken);

    private Task Deliver(CommandInvocation invocation, bool instancePresent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!instancePresent)
        {
            invocation.TryEndUndelivered(InvocationState.Undeliverable, now);
        }
        else if (Node(invocation.InstanceId) is { IsOnline: true } node)
        {
            // Runs in the background: the command takes as long as it takes, the API answers meanwhile. On the thread
            // pool, not the caller's thread: starting the instance's process (fork, exec, `ip netns exec`) is
            // synchronous, and 50 of them in a row inside SendCommand delayed its answer and the last start by ~4 s,
            // where 50 EC2 agents each start their command at once.
            return Task.Run(() => executor.ExecuteAsync(invocation, node.Namespace, node.Architecture, cancellationToken), CancellationToken.None);
        }
        else if (now >= invocation.Command.DeliveryDeadline)
        {
            invocation.TryEndUndelivered(InvocationState.DeliveryTimedOut, now);
        }

        return Task.CompletedTask;
    }

    private void MarkSilent(ManagedNode node)
    {
        if (node.IsOnline && time.GetUtcNow() - node.LastPing >= options.ConnectionLostAfter)
        {
            _nodes[node.InstanceId] = node with { PingStatus = PingStatus.ConnectionLost };
            state.SetPingStatus(node.InstanceId, PingStatus.ConnectionLost);
        }
    }

    private async Task HeartbeatAsync(LabInstance instance, string namespaceName, CancellationToken cancellationToken)
    {
        bool reached;
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var target = new SsmHeartbeatTarget(namespaceName, instance.SubnetId, SsmControlPath.RequiredServices(instance.AgentVersion));
            reached = await reachability.ReachesSsmAsync(target, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }

        var now = time.GetUtcNow();
        var known = Node(instance.InstanceId);
        if (known is null && !reached)
        {
            // Never reached SSM: not a managed node yet, so it has no ping status at all.
            return;
        }

        var lastPing = reached ? now : known!.LastPing;
        var status = now - lastPing < options.ConnectionLostAfter || reached ? PingStatus.Online : PingStatus.ConnectionLost;
        _nodes[instance.InstanceId] = new ManagedNode(
            instance.InstanceId, namespaceName, instance.PrivateIp, lastPing, status, known?.RegisteredAt ?? now, instance.AgentVersion)
        {
            Architecture = instance.Architecture,
            Tags = instance.Tags,
        };
        state.SetPingStatus(instance.InstanceId, status);
    }
}
