using Amazon.EC2;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using VpceProbe.Harness.Reports.Terminal;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// The one resilience policy for AWS-side waits: poll with exponential backoff (1s doubling to 15s) until a
/// condition holds, bounded by a total wait. Time comes from the injected <see cref="TimeProvider"/>, so
/// tests drive it with FakeTimeProvider instead of sleeping.
/// </summary>
public sealed class ResourceWaits(TimeProvider time, TimeSpan bound, WaitProgress? progress = null)
{
    private readonly WaitProgress _progress = progress ?? WaitProgress.None;

    /// <summary>Interface endpoints usually become available in one to three minutes; ten is generous.</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(10);

    private long _waitedTicks;

    public TimeSpan Bound { get; } = bound;

    /// <summary>All the time spent in these waits so far, for the phase timing (<see cref="Timing.PhaseClock"/>).</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    /// <summary>Polls until <paramref name="done"/> holds. Throws <see cref="WaitTimedOutException"/> (our bound) or OperationCanceledException (the caller).</summary>
    public async Task<T> UntilAsync<T>(string what, Func<CancellationToken, ValueTask<T>> poll, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var pipeline = new ResiliencePipelineBuilder<T> { TimeProvider = time }
            .AddTimeout(Bound)
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && !done(args.Outcome.Result!)),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(15),
                MaxRetryAttempts = int.MaxValue,
                UseJitter = false,
                OnRetry = args =>
                {
                    _progress.Waiting(what, args.AttemptNumber + 1, time.GetElapsedTime(started), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(poll, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new WaitTimedOutException($"gave up waiting for {what} after {Contract.Duration.Format(Bound)}", ex);
        }
        finally
        {
            _progress.Done(what);
            Interlocked.Add(ref _waitedTicks, time.GetElapsedTime(started).Ticks);
        }
    }

    /// <summary>
    /// Retries an EC2 call that fails with DependencyViolation: deleting a security group right after its
    /// interface endpoint fails until AWS has released the endpoint's ENIs.
    /// </summary>
    public async Task RetryDependencyAsync(string what, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(Bound)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AmazonEC2Exception>(e => e.ErrorCode == "DependencyViolation"),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(2),
                MaxDelay = TimeSpan.FromSeconds(15),
                MaxRetryAttempts = int.MaxValue,
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new WaitTimedOutException($"gave up on {what} after {Contract.Duration.Format(Bound)}", ex);
        }
    }
}

/// <summary>Our own bound on a wait ran out (the caller did not cancel).</summary>
public sealed class WaitTimedOutException(string message, Exception inner) : Exception(message, inner);
