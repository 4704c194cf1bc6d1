using System.Xml;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Changes.Undo;

namespace VpceProbe.Harness.Tests.Changes.Undo;

/// <summary>What undo tries again and what it gives up on at once.</summary>
public class UndoRetryTests
{
    [Fact]
    public async Task an_answer_the_sdk_could_not_read_is_tried_again_like_a_lost_connection()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var log = new List<string>();
        var undo = new UndoRetry(time, TimeSpan.FromMinutes(1)).RunAsync(
            "delete route",
            _ => ++attempts == 1 ? throw new XmlException("Root element is missing.") : Task.FromResult("restored"),
            log.Add,
            TestContext.Current.CancellationToken);
        while (!undo.IsCompleted && attempts < 5)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal("restored", await undo);
        Assert.Equal(2, attempts);
        Assert.Contains(log, l => l.Contains("Root element is missing.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_bug_is_not_tried_again()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => new UndoRetry(new FakeTimeProvider(), TimeSpan.FromMinutes(1)).RunAsync<string>(
            "delete route", _ => { attempts++; throw new InvalidOperationException("a bug"); }, _ => { }, TestContext.Current.CancellationToken));

        Assert.Equal(1, attempts);
    }
}
