using Polly;
using Polly.Retry;
using VpceProbe.Agent.Probes;
using VpceProbe.Contract;
using Outcome = VpceProbe.Contract.Outcome;

namespace VpceProbe.Agent.Runner;

/// <summary>
/// waitFor: retry a probe until its expectation holds or the waitFor window has passed. Private DNS and
/// new endpoints take tens of seconds to a few minutes to propagate, so the backoff grows to a few seconds
/// rather than hammering the resolver. The last wait is cut so the final attempt starts inside the window.
/// </summary>
internal static class WaitForPolicy
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(4);

    public static ResiliencePipeline<ProbeAttempt> Create(PlannedProbe planned, TimeProvider time)
    {
        if (planned.WaitFor is not { } window)
        {
            return ResiliencePipeline<ProbeAttempt>.Empty;
        }

        var started = time.GetTimestamp();
        TimeSpan Remaining() => window - time.GetElapsedTime(started);

        return new ResiliencePipelineBuilder<ProbeAttempt> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ProbeAttempt>
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { } attempt
                    && attempt.Outcome != Outcome.Cancelled
                    && !Expectations.IsMet(planned.Spec.Expect, attempt.Outcome, attempt.Observed?.StatusCode)
                    && Remaining() > TimeSpan.Zero),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Min(Backoff(args.AttemptNumber), Max(Remaining(), TimeSpan.Zero))),
            })
            .Build();
    }

    /// <summary>250ms, 500ms, 1s, 2s, then 4s between attempts.</summary>
    public static TimeSpan Backoff(int attemptNumber) =>
        Min(FirstDelay * Math.Pow(2, Math.Min(attemptNumber, 10)), MaxDelay);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
