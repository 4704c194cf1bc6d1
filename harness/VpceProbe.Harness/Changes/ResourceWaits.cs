using Amazon.EC2;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using VpceProbe.Harness.Reports.Terminal;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// The one resilience policy for AWS-side waits: poll until a condition holds, bounded by a total wait. For the
/// first <see cref="QuickWindow"/> every <see cref="QuickDelay"/> (a gateway endpoint, a route, a lab endpoint is
/// ready within seconds, and a 1 s doubling backoff read a 2 s wait at 3 s); then exponential backoff from 1 s
/// doubling to 15 s (an interface endpoint takes minutes). Twenty quick DescribeVpcEndpoints are far inside EC2's
/// non-mutating request bucket (100 tokens, 20 a second refill:
/// https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html). Time comes from the injected
/// <see cref="TimeProvider"/>, so tests drive it with FakeTimeProvider instead of sleeping.
/// </summary>
internal sealed class ResourceWaits(TimeProvider time, TimeSpan bound, WaitProgress? progress = null)
{
    private readonly WaitProgress _progress = progress ?? WaitProgress.None;

    /// <summary>How long after a wait starts it polls at <see cref="QuickDelay"/> before backing off.</summary>
    public static readonly TimeSpan QuickWindow = TimeSpan.FromSeconds(10);

    /// <summary>The pause between polls, start to start, within <see cref="QuickWindow"/>.</summary>
    public static readonly TimeSpan QuickDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Interface endpoints usually become available in one to three minutes; ten is generous.</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private long _waitedTicks;
    private int _active;
    private long _activeSince;

    public TimeSpan Bound { get; } = bound;

    /// <summary>
    /// The time during which at least one of these waits ran, for the phase timing (<see cref="Timing.PhaseClock"/>):
    /// waits that overlap (a phase's endpoints, <see cref="PendingWaits"/>) count once, so the phase's changes are
    /// its apply time when no wait ran.
    /// </summary>
    public TimeSpan Waited
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromTicks(_waitedTicks + (_active > 0 ? time.GetElapsedTime(_activeSince).Ticks : 0));
            }
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds. Throws <see cref="WaitTimedOutException"/> (our bound) or OperationCanceledException (the caller).</summary>
    public async Task<T> UntilAsync<T>(string what, Func<CancellationToken, ValueTask<T>> poll, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var attemptStarted = started;
        lock (_lock)
        {
            if (_active++ == 0)
            {
                _activeSince = started;
            }
        }

        var pastWindow = 0;
        TimeSpan NextDelay()
        {
            if (time.GetElapsedTime(started) < QuickWindow)
            {
                // Start to start: a describe that took 200 ms is followed 300 ms later.
                var spent = time.GetElapsedTime(attemptStarted);
                return spent >= QuickDelay ? TimeSpan.Zero : QuickDelay - spent;
            }

            return TimeSpan.FromSeconds(Math.Min(15, Math.Pow(2, Math.Min(pastWindow++, 4))));
        }

        var pipeline = new ResiliencePipelineBuilder<T> { TimeProvider = time }
            .AddTimeout(Bound)
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && !done(args.Outcome.Result!)),
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(NextDelay()),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    _progress.Waiting(what, args.AttemptNumber + 1, time.GetElapsedTime(started), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(
                token =>
                {
                    attemptStarted = time.GetTimestamp();
                    return poll(token);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new WaitTimedOutException($"gave up waiting for {what} after {Contract.Duration.Format(Bound)}", ex);
        }
        finally
        {
            _progress.Done(what);
            lock (_lock)
            {
                if (--_active == 0)
                {
                    _waitedTicks += time.GetElapsedTime(_activeSince).Ticks;
                }
            }
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
internal sealed class WaitTimedOutException(string message, Exception inner) : Exception(message, inner);
