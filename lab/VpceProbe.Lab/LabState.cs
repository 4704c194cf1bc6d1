using System.Collections.Concurrent;

namespace VpceProbe.Lab;

internal enum EndpointLifecycle
{
    /// <summary>Created through the gateway less than the pending time ago: carries no traffic.</summary>
    Pending,

    Available,

    /// <summary>Deleted through the gateway (moto may still list it for a while).</summary>
    Deleted,
}

/// <summary>
/// What the lab knows beyond moto's records: the lifecycle of VPC endpoints (moto makes them available at
/// once; AWS keeps them pending for a while) and the SSM agent's ping status per instance. The gateway
/// writes it, the data plane reads it; <see cref="Changed"/> fires on every change, including an endpoint
/// turning available when its pending time has passed, so the data plane can reconcile.
/// </summary>
internal sealed class LabState(TimeProvider time, TimeSpan endpointPendingTime)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _endpointCreatedAt = new();
    private readonly ConcurrentDictionary<string, byte> _deletedEndpoints = new();
    private readonly ConcurrentDictionary<string, byte> _dueEndpoints = new();
    private readonly ConcurrentDictionary<string, byte> _availableEndpoints = new();
    private readonly ConcurrentDictionary<string, Ssm.PingStatus> _pingStatus = new();
    private readonly ConcurrentBag<ITimer> _timers = [];
    private readonly HashSet<string> _heldEndpoints = [];
    private readonly Lock _hold = new();
    private bool _holding;

    public TimeProvider Time { get; } = time;

    public TimeSpan EndpointPendingTime { get; } = endpointPendingTime;

    public event Action? Changed;

    /// <summary>
    /// Run when an endpoint's pending time is over, before it is reported available: the data plane puts the
    /// endpoint in force here, so whoever sees "available" (DescribeVpcEndpoints) can already use it, as in AWS.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeAvailable { get; set; }

    public void EndpointCreated(string endpointId)
    {
        _endpointCreatedAt[endpointId] = Time.GetUtcNow();
        _timers.Add(Time.CreateTimer(_ => _ = PromoteAsync(endpointId), null, EndpointPendingTime, Timeout.InfiniteTimeSpan));
        Changed?.Invoke();
    }

    public void EndpointDeleted(string endpointId)
    {
        _deletedEndpoints[endpointId] = 0;
        Changed?.Invoke();
    }

    /// <summary>An endpoint the gateway never saw created (e.g. made directly in moto) counts as available.</summary>
    public EndpointLifecycle EndpointState(string endpointId)
    {
        if (_deletedEndpoints.ContainsKey(endpointId))
        {
            return EndpointLifecycle.Deleted;
        }

        return _endpointCreatedAt.ContainsKey(endpointId) && !_availableEndpoints.ContainsKey(endpointId)
            ? EndpointLifecycle.Pending
            : EndpointLifecycle.Available;
    }

    /// <summary>What the data plane applies: an endpoint carries traffic from the end of its pending time (just before it is reported available).</summary>
    public EndpointLifecycle EndpointInForce(string endpointId) =>
        EndpointState(endpointId) == EndpointLifecycle.Pending && _dueEndpoints.ContainsKey(endpointId) ? EndpointLifecycle.Available : EndpointState(endpointId);

    /// <summary>
    /// The hold-pending fault: while on, an endpoint whose pending time ends stays pending (no traffic, DNS public);
    /// lifting it lets every held endpoint turn available as its pending time had ended now.
    /// </summary>
    public void HoldPending(bool hold)
    {
        string[] released;
        lock (_hold)
        {
            _holding = hold;
            released = hold ? [] : [.. _heldEndpoints];
            if (!hold)
            {
                _heldEndpoints.Clear();
            }
        }

        foreach (var endpointId in released)
        {
            _ = PromoteAsync(endpointId);
        }
    }

    private async Task PromoteAsync(string endpointId)
    {
        lock (_hold)
        {
            if (_holding && !_deletedEndpoints.ContainsKey(endpointId))
            {
                _heldEndpoints.Add(endpointId);
                return;
            }
        }

        _dueEndpoints[endpointId] = 0;
        try
        {
            if (BeforeAvailable is { } apply)
            {
                await apply(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _availableEndpoints[endpointId] = 0;
            Changed?.Invoke();
        }
    }

    /// <summary>SSM PingStatus as the emulated agent last reported it; a change wakes what waits on <see cref="Changed"/>.</summary>
    public void SetPingStatus(string instanceId, Ssm.PingStatus status)
    {
        if (_pingStatus.TryGetValue(instanceId, out var old) && old == status)
        {
            return;
        }

        _pingStatus[instanceId] = status;
        Changed?.Invoke();
    }
}
