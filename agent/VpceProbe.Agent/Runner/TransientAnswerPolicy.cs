using Polly;
using Polly.Retry;
using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Runner;

/// <summary>
/// An AWS answer that says "later" (throttling: SlowDown, ThrottlingException, RequestLimitExceeded; or a 5xx) is
/// about AWS's load, not about the network path the probe judges. It is tried again (100 ms doubling to 1 s, with
/// jitter) within the attempt's own timeout, so a busy account does not turn a working endpoint into a FAIL;
/// `throttled` (or the 5xx) is reported only when it persists for that long. A network failure is never retried
/// here: that is the probe's answer (waitFor decides whether to ask again).
/// </summary>
internal static class TransientAnswerPolicy
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <param name="budget">The attempt's timeout: no retry starts once it would be spent.</param>
    public static ResiliencePipeline<ProbeAttempt> Create(TimeSpan budget, TimeProvider time)
    {
        var started = time.GetTimestamp();
        TimeSpan Remaining() => budget - time.GetElapsedTime(started);

        return new ResiliencePipelineBuilder<ProbeAttempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ProbeAttempt>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,

                // Retry only while a try could still finish inside the budget after the longest wait.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { } attempt && IsTransient(attempt) && Remaining() > MaxDelay),
            })
            .Build();
    }

    public static bool IsTransient(ProbeAttempt attempt) =>
        attempt.FailureKind == FailureKind.Throttled
        || (attempt.FailureKind == FailureKind.Other && attempt.Observed?.StatusCode is >= 500 and <= 599);
}
