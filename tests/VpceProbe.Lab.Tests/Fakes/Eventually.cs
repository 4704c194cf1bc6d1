using Polly;
using Polly.Retry;

namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>Polls a condition through one Polly retry pipeline (the gateway's agents and commands move asynchronously).</summary>
public static class Eventually
{
    private static ResiliencePipeline<bool> Poll(TimeSpan within) => new ResiliencePipelineBuilder<bool>()
        .AddRetry(new RetryStrategyOptions<bool>
        {
            ShouldHandle = new PredicateBuilder<bool>().HandleResult(false),
            MaxRetryAttempts = (int)(within / Interval),
            Delay = Interval,
            BackoffType = DelayBackoffType.Constant,
        })
        .Build();

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? within = null)
    {
        T last = default!;
        var met = await Poll(within ?? TimeSpan.FromSeconds(10)).ExecuteAsync(async _ =>
        {
            last = await read();
            return condition(last);
        }, TestContext.Current.CancellationToken);
        Assert.True(met, $"condition not met within {(within ?? TimeSpan.FromSeconds(10)).TotalSeconds} s; last value: {last}");
        return last;
    }
}
