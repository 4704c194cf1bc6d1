using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Tests.Gateway;

/// <summary>IMDS's instance reads: only the ids asked for, shared by everyone who asked meanwhile, never a read begun before the call.</summary>
public class BatchedReadsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task callers_while_a_read_runs_share_the_next_read_which_asks_for_exactly_their_keys()
    {
        var asked = new List<string[]>();
        var release = new TaskCompletionSource();
        var reads = new BatchedReads<string, string>(async (keys, _) =>
        {
            lock (asked)
            {
                asked.Add([.. keys.Order()]);
            }

            await release.Task;
            return keys.ToDictionary(k => k, k => $"item {k}");
        });

        var first = reads.ReadAsync("i-1", Ct);
        await WaitUntilAsync(() => asked.Count == 1);
        var others = new[] { "i-2", "i-3", "i-2" }.Select(k => reads.ReadAsync(k, Ct)).ToList();
        release.SetResult();

        Assert.Equal("item i-1", await first);
        Assert.Equal(["item i-2", "item i-3", "item i-2"], await Task.WhenAll(others));
        Assert.Equal([["i-1"], ["i-2", "i-3"]], asked);
    }

    [Fact]
    public async Task a_caller_never_gets_a_read_that_began_before_it_called()
    {
        var state = "no profile";
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var reads = new BatchedReads<string, string>(async (keys, _) =>
        {
            var seen = state; // what moto answers is fixed when the read begins
            started.TrySetResult();
            await release.Task;
            return keys.ToDictionary(k => k, _ => seen);
        });

        var heartbeat = reads.ReadAsync("i-1", Ct);
        await started.Task;
        state = "profile associated";
        var imds = reads.ReadAsync("i-1", Ct);
        release.SetResult();

        Assert.Equal("no profile", await heartbeat);
        Assert.Equal("profile associated", await imds);
    }

    [Fact]
    public async Task a_key_the_read_does_not_return_has_no_item_and_one_caller_giving_up_does_not_fail_the_others()
    {
        var release = new TaskCompletionSource();
        var reads = new BatchedReads<string, string>(async (keys, _) =>
        {
            await release.Task;
            return keys.Where(k => k != "i-gone").ToDictionary(k => k, k => k);
        });

        using var impatient = new CancellationTokenSource();
        var gaveUp = reads.ReadAsync("i-1", impatient.Token);
        var gone = reads.ReadAsync("i-gone", Ct);
        await impatient.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        Assert.Null(await gone);
        Assert.Equal("i-1", await reads.ReadAsync("i-1", Ct));
    }

    [Fact]
    public async Task a_failed_read_is_its_callers_failure_and_the_next_caller_reads_again()
    {
        var calls = 0;
        var reads = new BatchedReads<string, string>((keys, _) => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<IReadOnlyDictionary<string, string>>(new HttpRequestException("moto is starting"))
            : Task.FromResult<IReadOnlyDictionary<string, string>>(keys.ToDictionary(k => k, k => k)));

        await Assert.ThrowsAsync<HttpRequestException>(() => reads.ReadAsync("i-1", Ct));

        Assert.Equal("i-1", await reads.ReadAsync("i-1", Ct));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, Ct);
        }

        Assert.True(condition());
    }
}
