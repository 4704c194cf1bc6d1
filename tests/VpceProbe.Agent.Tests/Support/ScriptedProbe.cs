using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Support;

/// <summary>A probe whose every attempt is written by the test, for runner tests that must not touch the network.</summary>
internal sealed class ScriptedProbe(Func<ProbeContext, CancellationToken, Task<ProbeAttempt>> attempt) : IProbe
{
    private int _calls;

    public string Target => "scripted";

    public int Calls => _calls;

    public Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return attempt(context, cancellationToken);
    }

    public static ScriptedProbe Answering(Outcome outcome) => new((_, _) => Task.FromResult(ProbeAttempt.Success(outcome)));

    /// <summary>Never answers: waits for its token, then classifies the cancellation the way real probes do.</summary>
    public static ScriptedProbe Hanging() => new(async (context, token) =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable: an infinite delay ended without cancellation");
        }
        catch (OperationCanceledException e)
        {
            return NetworkFailures.TryClassify(e, context)!;
        }
    });

    /// <summary>Pushes fake time forward in small steps until <paramref name="task"/> completes (no real waiting on backoffs).</summary>
    public static async Task<T> DriveAsync<T>(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, Task<T> task, TimeSpan step)
    {
        for (var i = 0; i < 100_000 && !task.IsCompleted; i++)
        {
            time.Advance(step);
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        return await task;
    }
}
