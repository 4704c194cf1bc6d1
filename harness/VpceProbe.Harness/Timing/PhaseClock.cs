using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Timing;

/// <summary>
/// Measures one phase: started when the phase starts, told when its changes are applied and how long the transport
/// ran, then turns that, the AWS waits (<see cref="ResourceWaits.Waited"/>), the transport's own timing and the
/// agents' reports into a <see cref="PhaseTiming"/>. Cumulative counters are read at start and finish, so phases
/// (which run one after another) each get their own difference.
/// </summary>
internal sealed class PhaseClock
{
    private readonly TimeProvider _time;
    private readonly ResourceWaits _waits;
    private readonly ITransportTiming? _transport;
    private readonly long _started;
    private readonly TimeSpan _waitedBefore;
    private readonly TimeSpan _deployingBefore;
    private readonly IReadOnlyDictionary<string, int> _callsBefore;
    private TimeSpan? _changes;
    private TimeSpan _transportSpan;

    public PhaseClock(TimeProvider time, ResourceWaits waits, IAgentTransport transport)
    {
        (_time, _waits, _transport) = (time, waits, transport as ITransportTiming);
        _started = time.GetTimestamp();
        _waitedBefore = waits.Waited;
        _deployingBefore = _transport?.Deploying ?? TimeSpan.Zero;
        _callsBefore = _transport?.Calls.Snapshot() ?? new Dictionary<string, int>();
    }

    public void ChangesApplied() => _changes = _time.GetElapsedTime(_started);

    public void TransportRan(TimeSpan span) => _transportSpan += span;

    public PhaseTiming Finish(IReadOnlyList<AgentRun> runs)
    {
        var total = _time.GetElapsedTime(_started);
        var changes = _changes ?? TimeSpan.Zero;
        var aws = Min(_waits.Waited - _waitedBefore, changes);
        var deploy = (_transport?.Deploying ?? TimeSpan.Zero) - _deployingBefore;

        // Instances run the agent at once: the phase waits for the slowest one.
        var agent = TimeSpan.FromMilliseconds(runs.Select(r => r.Report?.DurationMs ?? 0).DefaultIfEmpty(0).Max());
        var beyond = Max(_transportSpan - deploy - agent, TimeSpan.Zero);
        var harness = Max(total - changes - deploy - agent - beyond, TimeSpan.Zero);
        var calls = _transport?.Calls.Since(_callsBefore);
        return new PhaseTiming(
            Ms(total), Ms(changes - aws), Ms(aws), Ms(deploy), Ms(agent), Ms(beyond), Ms(harness), calls is { Count: > 0 } ? calls : null);
    }

    private static long Ms(TimeSpan t) => (long)Math.Round(t.TotalMilliseconds);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
