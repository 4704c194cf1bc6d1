using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Runner;

/// <summary>
/// Runs one probe to its result: attempts under their own timeout, waitFor retries, timing, and the verdict.
/// The run token belongs to the whole run (Ctrl-C, global deadline); each attempt adds its own timeout on top,
/// and <see cref="ProbeContext.AttemptTimedOut"/> tells the probe which of the two fired.
/// </summary>
internal sealed class ProbeExecution(TimeProvider time, IReadOnlyList<System.Net.IPNetwork> privateRanges)
{
    /// <summary>How long a probe that ignores its cancellation token may overrun its timeout before the runner gives up on it.</summary>
    public static readonly TimeSpan Overrun = TimeSpan.FromSeconds(1);

    public async Task<ProbeResult> RunAsync(PlannedProbe planned, CancellationToken runToken)
    {
        var started = time.GetTimestamp();
        var attempts = 0;
        ProbeAttempt? last = null;
        ProbeAttempt final;
        try
        {
            // Each waitFor attempt rides out throttling and 5xx answers within its own timeout (TransientAnswerPolicy).
            final = await WaitForPolicy.Create(planned, time).ExecuteAsync(
                async ct => last = await TransientAnswerPolicy.Create(planned.Timeout, time).ExecuteAsync(
                    async inner => await AttemptAsync(planned, ++attempts, inner).ConfigureAwait(false), ct).ConfigureAwait(false),
                runToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            // Interrupted between attempts (waitFor backoff): unfinished, whatever the last attempt saw.
            final = ProbeAttempt.Failure(Outcome.Cancelled, FailureKind.Cancelled, "the run was interrupted before this probe finished", last?.Observed);
        }

        return new ProbeResult
        {
            Id = planned.Spec.Id,
            Kind = planned.Spec.Kind,
            Target = planned.Probe.Target,
            Expect = planned.Spec.Expect,
            Outcome = final.Outcome,
            Pass = Expectations.IsMet(planned.Spec.Expect, final.Outcome, final.Observed?.StatusCode),
            FailureKind = final.FailureKind,
            Detail = final.Detail,
            Observed = final.Observed,
            Attempts = attempts,
            DurationMs = (long)time.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    private async Task<ProbeAttempt> AttemptAsync(PlannedProbe planned, int attempt, CancellationToken runToken)
    {
        using var timeout = new CancellationTokenSource(planned.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(runToken, timeout.Token);
        var context = new ProbeContext
        {
            Time = time,
            Timeout = planned.Timeout,
            Attempt = attempt,
            PrivateRanges = privateRanges,
            AttemptTimedOut = () => timeout.IsCancellationRequested && !runToken.IsCancellationRequested,
        };
        try
        {
            // Probes classify their own timeout (a dns probe calls it dns_timeout); the wait below is only a
            // backstop for a probe that ignores its token, and it still stops at once when the run is cancelled.
            return await planned.Probe.RunAsync(context, linked.Token)
                .WaitAsync(planned.Timeout + Overrun, time, runToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            return NetworkFailures.TryClassify(e, context)!;
        }
        catch (TimeoutException)
        {
            return ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Timeout, $"no result within {Duration.Format(planned.Timeout)}");
        }
        catch (Exception e)
        {
            // A probe is meant to report, not throw: this is a bug in the probe, kept as data so the run goes on.
            return ProbeAttempt.Failure(Outcome.Error, FailureKind.Other, $"the probe failed unexpectedly: {e.GetType().Name}: {e.Message}");
        }
    }
}
