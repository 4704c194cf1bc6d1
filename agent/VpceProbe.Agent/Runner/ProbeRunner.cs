using VpceProbe.Contract;

namespace VpceProbe.Agent.Runner;

/// <summary>
/// Runs every probe of a plan at once under one global deadline. When the deadline passes or the caller
/// cancels (Ctrl-C, SIGTERM), probes still running stop and are reported as cancelled: the report is partial,
/// not lost, which matters when SSM's own timeout would otherwise swallow the whole run.
/// </summary>
internal sealed class ProbeRunner(TimeProvider time)
{
    /// <summary>The run's deadline when the plan gives none.</summary>
    public static readonly TimeSpan DefaultDeadline = ProbePlan.DefaultDeadline;

    public async Task<RunOutcome> RunAsync(
        IReadOnlyList<PlannedProbe> probes,
        IReadOnlyList<System.Net.IPNetwork> privateRanges,
        TimeSpan deadline,
        CancellationToken cancellationToken)
    {
        using var deadlineCts = new CancellationTokenSource(deadline, time);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadlineCts.Token);
        var execution = new ProbeExecution(time, privateRanges);

        // Task.Run: a probe's synchronous start (socket set-up, a resolver read) must not hold up the others.
        var results = await Task.WhenAll(probes.Select(p => Task.Run(() => execution.RunAsync(p, run.Token), CancellationToken.None)))
            .ConfigureAwait(false);
        var interrupted = results.Any(r => r.Outcome == Outcome.Cancelled);
        InterruptReason? reason = !interrupted ? null : deadlineCts.IsCancellationRequested ? InterruptReason.Deadline : InterruptReason.Cancelled;
        return new RunOutcome([.. results], reason);
    }
}

internal enum InterruptReason
{
    /// <summary>The plan's global deadline passed.</summary>
    Deadline,

    /// <summary>The caller cancelled (Ctrl-C, SIGTERM).</summary>
    Cancelled,
}

/// <summary>Every probe's result in plan order, and why the run was cut short when it was.</summary>
internal sealed record RunOutcome(List<ProbeResult> Results, InterruptReason? Interrupted)
{
    public bool Pass => Interrupted is null && Results.All(r => r.Pass);
}
