using System.Net;

namespace VpceProbe.Agent.Probes;

/// <summary>What a probe attempt may use besides its own options: time, the attempt's budget and the plan-level settings.</summary>
internal sealed class ProbeContext
{
    public required TimeProvider Time { get; init; }

    /// <summary>The per-attempt timeout the runner enforces through the cancellation token.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>CIDRs that count as private for dns probes (the plan's vpcCidrs, else RFC 1918 + RFC 6598).</summary>
    public required IReadOnlyList<IPNetwork> PrivateRanges { get; init; }

    /// <summary>
    /// Set by the runner: true when the attempt's own timeout fired, false when the caller cancelled
    /// (Ctrl-C, global deadline). Probes classify an <see cref="OperationCanceledException"/> with it:
    /// <c>timeout</c> in the first case, <c>cancelled</c> in the second.
    /// </summary>
    public required Func<bool> AttemptTimedOut { get; init; }
}
