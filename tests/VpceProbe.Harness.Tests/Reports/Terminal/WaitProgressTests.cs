using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Reports.Terminal;

namespace VpceProbe.Harness.Tests.Reports.Terminal;

public class WaitProgressTests
{
    private static async Task<string> WaitThreePollsAsync(WaitProgress progress)
    {
        var time = new FakeTimeProvider();
        var states = new Queue<string>(["pending", "pending", "available"]);
        var waits = new ResourceWaits(time, TimeSpan.FromMinutes(10), progress);
        var wait = waits.UntilAsync("vpce-123 to be available", _ => ValueTask.FromResult(states.Dequeue()), s => s == "available", CancellationToken.None);
        for (var i = 0; i < 100 && !wait.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        return await wait;
    }

    [Fact]
    public async Task an_interactive_console_sees_what_the_wait_is_for_and_how_long_it_has_taken()
    {
        var error = new StringWriter();

        Assert.Equal("available", await WaitThreePollsAsync(WaitProgress.For(error, interactive: true)));

        var text = error.ToString();
        Assert.Contains("waiting for vpce-123 to be available: 0s, poll 1, next in 0.5s", text, StringComparison.Ordinal);
        Assert.Contains("poll 2, next in 0.5s", text, StringComparison.Ordinal);
        // The progress line is cleared when the wait ends, so the next output starts on a clean line.
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task redirected_output_gets_no_progress_noise()
    {
        var error = new StringWriter();

        Assert.Equal("available", await WaitThreePollsAsync(WaitProgress.For(error, interactive: false)));

        Assert.Equal("", error.ToString());
    }
}
