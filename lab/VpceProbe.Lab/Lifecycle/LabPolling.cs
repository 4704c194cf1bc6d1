using Polly;
using Polly.Retry;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// The lab's one waiting policy (Polly): poll a condition at a fixed interval until it holds or the time is up.
/// Used for the daemon becoming ready, endpoints becoming available and processes going away.
/// </summary>
internal static class LabPolling
{
    /// <returns>true when the condition held in time.</returns>
    public static async Task<bool> WaitUntilAsync(
        Func<CancellationToken, ValueTask<bool>> condition, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        var pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = new PredicateBuilder<bool>().HandleResult(false),
                BackoffType = DelayBackoffType.Constant,
                Delay = interval,
                MaxRetryAttempts = Math.Max(1, (int)(timeout / interval)),
            })
            .Build();
        return await pipeline.ExecuteAsync(condition, ct).ConfigureAwait(false);
    }
}
