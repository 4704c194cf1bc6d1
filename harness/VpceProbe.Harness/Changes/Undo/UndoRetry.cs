using Polly;
using Polly.Retry;
using Polly.Timeout;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Changes.Undo;

/// <summary>
/// Undo keeps trying a change through throttling, 5xx and lost connections, with backoff and jitter (2 s doubling
/// to 30 s), for a bounded time (--undo-retry-for, default 5 minutes), before it calls the change left behind:
/// a busy account throttles for a while, and a rollback that gives up at the first RequestLimitExceeded leaves
/// the VPC changed for nothing. The SDK's own attempts run inside each try.
/// </summary>
internal sealed class UndoRetry(TimeProvider time, TimeSpan bound)
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(5);

    public TimeSpan Bound { get; } = bound;

    /// <summary>Runs <paramref name="undo"/> until it returns or fails with a non-transient error; throws <see cref="UndoGaveUpException"/> when the bound runs out.</summary>
    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> undo, Action<string> log, CancellationToken cancellationToken)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(Bound)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientErrors.IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(2),
                MaxDelay = TimeSpan.FromSeconds(30),
                MaxRetryAttempts = int.MaxValue,
                UseJitter = true,
                OnRetry = args =>
                {
                    log($"undo of {what}: {args.Outcome.Exception?.Message}; trying again in {Contract.Duration.Format(args.RetryDelay)}");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        Exception? last = null;
        try
        {
            return await pipeline.ExecuteAsync(
                async ct =>
                {
                    try
                    {
                        return await undo(ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (TransientErrors.IsTransient(e))
                    {
                        last = e;
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new UndoGaveUpException(
                $"gave up after {Contract.Duration.Format(Bound)} of retries (--undo-retry-for): {last?.Message ?? "no answer from AWS in that time (the SDK was still retrying connection errors or throttling)"}",
                last ?? ex);
        }
    }
}

/// <summary>Undo retried a transient error for its whole bound: the change is left for a later rollback.</summary>
internal sealed class UndoGaveUpException(string message, Exception inner) : Exception(message, inner);
