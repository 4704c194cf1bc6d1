using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Tests.Gateway;

/// <summary>At most two moto reads for any number of callers (what keeps 50 agents' IMDS requests from queuing 100 reads), never a stale one.</summary>
public class SingleFlightTests
{
    [Fact]
    public async Task callers_while_a_read_runs_share_the_one_read_after_it_so_fifty_callers_make_two_reads()
    {
        var flight = new SingleFlight<int>();
        var reads = 0;
        var release = new TaskCompletionSource();
        async Task<int> Read(CancellationToken _)
        {
            var n = Interlocked.Increment(ref reads);
            await release.Task;
            return n;
        }

        var first = flight.RunAsync(Read, TestContext.Current.CancellationToken);
        var others = Enumerable.Range(0, 49).Select(_ => flight.RunAsync(Read, TestContext.Current.CancellationToken)).ToList();
        release.SetResult();

        Assert.Equal(1, await first);
        Assert.All(await Task.WhenAll(others), n => Assert.Equal(2, n));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task a_caller_never_gets_a_read_that_began_before_it_called()
    {
        var flight = new SingleFlight<string>();
        var state = "no profile";
        var firstStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        async Task<string> Read(CancellationToken _)
        {
            var seen = state; // what moto answers is fixed when the read begins
            firstStarted.TrySetResult();
            await release.Task;
            return seen;
        }

        var heartbeat = flight.RunAsync(Read, TestContext.Current.CancellationToken);
        await firstStarted.Task;
        state = "profile associated";
        var imds = flight.RunAsync(Read, TestContext.Current.CancellationToken);
        release.SetResult();

        Assert.Equal("no profile", await heartbeat);
        Assert.Equal("profile associated", await imds);
    }

    [Fact]
    public async Task a_caller_after_the_read_ended_starts_a_fresh_one()
    {
        var flight = new SingleFlight<int>();
        var reads = 0;
        Task<int> Read(CancellationToken _) => Task.FromResult(Interlocked.Increment(ref reads));

        var first = await flight.RunAsync(Read, TestContext.Current.CancellationToken);
        var second = await flight.RunAsync(Read, TestContext.Current.CancellationToken);

        Assert.Equal((1, 2), (first, second));
    }

    [Fact]
    public async Task one_caller_giving_up_does_not_fail_the_others()
    {
        var flight = new SingleFlight<string>();
        var release = new TaskCompletionSource();
        async Task<string> Read(CancellationToken _)
        {
            await release.Task;
            return "instances";
        }

        using var impatient = new CancellationTokenSource();
        var gaveUp = flight.RunAsync(Read, impatient.Token);
        var waits = flight.RunAsync(Read, TestContext.Current.CancellationToken);
        await impatient.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        Assert.Equal("instances", await waits);
    }

    [Fact]
    public async Task a_failed_read_is_every_waiting_caller_s_failure_and_the_next_caller_reads_again()
    {
        var flight = new SingleFlight<int>();
        var reads = 0;
        Task<int> Read(CancellationToken _) => Interlocked.Increment(ref reads) == 1
            ? Task.FromException<int>(new HttpRequestException("moto is starting"))
            : Task.FromResult(reads);

        await Assert.ThrowsAsync<HttpRequestException>(() => flight.RunAsync(Read, TestContext.Current.CancellationToken));

        Assert.Equal(2, await flight.RunAsync(Read, TestContext.Current.CancellationToken));
    }
}
