using Polly;
using Polly.Retry;

namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>Polls a condition through one Polly retry pipeline (the gateway's agents and commands move asynchronously).</summary>
public static class Eventually
{
    private static readonly ResiliencePipeline<bool> Poll = new ResiliencePipelineBuilder<bool>()
        .AddRetry(new RetryStrategyOptions<bool>
        {
            ShouldHandle = new PredicateBuilder<bool>().HandleResult(false),
            MaxRetryAttempts = 200,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Constant,
        })
        .Build();

    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        T last = default!;
        var met = await Poll.ExecuteAsync(async _ =>
        {
            last = await read();
            return condition(last);
        }, TestContext.Current.CancellationToken);
        Assert.True(met, $"condition not met within 10 s; last value: {last}");
        return last;
    }
}
