using Microsoft.Extensions.Time.Testing;
using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Runner;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Runner;

public class ProbeRunnerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static PlannedProbe Planned(string id, IProbe probe, string expect = Expectations.Reachable, string timeout = "2s", string? waitFor = null) =>
        PlannedProbe.From(new ProbeSpec { Id = id, Kind = ProbeKinds.Tcp, Expect = expect, Timeout = timeout, WaitFor = waitFor }, probe);

    private Task<RunOutcome> Run(CancellationToken token, params PlannedProbe[] probes) => Run(TimeSpan.FromSeconds(60), token, probes);

    private Task<RunOutcome> Run(TimeSpan deadline, CancellationToken token, params PlannedProbe[] probes) =>
        new ProbeRunner(_time).RunAsync(probes, PrivateRanges.Default, deadline, token);

    [Fact]
    public async Task wait_for_retries_with_backoff_until_the_expectation_holds()
    {
        var flaky = new ScriptedProbe((c, t) => c.Attempt < 4
            ? Task.FromResult(ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Refused, "not yet"))
            : Task.FromResult(ProbeAttempt.Success(Outcome.Reachable)));
        var started = _time.GetUtcNow();

        var outcome = await ScriptedProbe.DriveAsync(_time, Run(CancellationToken.None, Planned("flaky", flaky, waitFor: "2m")), Step);

        var result = Assert.Single(outcome.Results);
        Assert.True(result.Pass);
        Assert.Equal(Outcome.Reachable, result.Outcome);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(4, flaky.Calls);
        // Three waits of the backoff (250ms, 500ms, 1s) passed on the fake clock, not on a real one.
        Assert.True(_time.GetUtcNow() - started >= TimeSpan.FromMilliseconds(1750), $"{_time.GetUtcNow() - started}");
    }

    [Fact]
    public async Task wait_for_gives_up_when_its_window_has_passed()
    {
        var never = ScriptedProbe.Answering(Outcome.Unreachable);

        var outcome = await ScriptedProbe.DriveAsync(_time, Run(CancellationToken.None, Planned("never", never, waitFor: "5s")), Step);

        var result = Assert.Single(outcome.Results);
        Assert.False(result.Pass);
        Assert.Equal(Outcome.Unreachable, result.Outcome);
        Assert.InRange(result.Attempts, 3, 10);
        Assert.InRange(result.DurationMs, 4500, 6000);
        Assert.Null(outcome.Interrupted);
    }

    [Fact]
    public async Task without_wait_for_a_probe_runs_once() =>
        Assert.Equal(1, (await Run(CancellationToken.None, Planned("once", ScriptedProbe.Answering(Outcome.Unreachable)))).Results[0].Attempts);

    [Fact]
    public async Task an_attempt_past_its_own_timeout_is_a_timeout()
    {
        var outcome = await ScriptedProbe.DriveAsync(_time, Run(CancellationToken.None, Planned("slow", ScriptedProbe.Hanging(), timeout: "2s")), Step);

        var result = Assert.Single(outcome.Results);
        Assert.Equal(Outcome.Unreachable, result.Outcome);
        Assert.Equal(FailureKind.Timeout, result.FailureKind);
        Assert.Null(outcome.Interrupted);
    }

    [Fact]
    public async Task a_caller_cancellation_is_cancelled_not_timeout()
    {
        using var caller = new CancellationTokenSource();
        var run = Run(caller.Token, Planned("slow", ScriptedProbe.Hanging(), timeout: "2s"));
        await caller.CancelAsync();

        var outcome = await run;

        var result = Assert.Single(outcome.Results);
        Assert.Equal(Outcome.Cancelled, result.Outcome);
        Assert.Equal(FailureKind.Cancelled, result.FailureKind);
        Assert.False(result.Pass);
        Assert.Equal(InterruptReason.Cancelled, outcome.Interrupted);
    }

    [Fact]
    public async Task the_global_deadline_gives_a_partial_report()
    {
        var run = Run(
            TimeSpan.FromSeconds(5),
            CancellationToken.None,
            Planned("fast", ScriptedProbe.Answering(Outcome.Reachable)),
            Planned("slow", ScriptedProbe.Hanging(), timeout: "30s"));

        var outcome = await ScriptedProbe.DriveAsync(_time, run, Step);

        Assert.Equal(InterruptReason.Deadline, outcome.Interrupted);
        Assert.False(outcome.Pass);
        Assert.True(outcome.Results.Single(r => r.Id == "fast").Pass);
        var slow = outcome.Results.Single(r => r.Id == "slow");
        Assert.Equal(Outcome.Cancelled, slow.Outcome);
        Assert.InRange(slow.DurationMs, 4500, 5500);
    }

    [Fact]
    public async Task a_deadline_during_wait_for_backoff_cancels_the_probe()
    {
        // The deadline is well inside waitFor but far enough from the start that the fake clock, driven in steps of
        // 50 ms against real 1 ms pauses, cannot pass it before a loaded machine has made the first attempt.
        var run = Run(TimeSpan.FromSeconds(20), CancellationToken.None, Planned("waiting", ScriptedProbe.Answering(Outcome.Unreachable), waitFor: "1m"));

        var result = Assert.Single((await ScriptedProbe.DriveAsync(_time, run, Step)).Results);

        Assert.Equal(Outcome.Cancelled, result.Outcome);
        Assert.True(result.Attempts > 1);
    }

    [Fact]
    public async Task a_probe_that_throws_becomes_an_error_and_the_run_goes_on()
    {
        var broken = new ScriptedProbe((_, _) => throw new InvalidOperationException("bug in a probe"));

        var outcome = await Run(CancellationToken.None, Planned("broken", broken), Planned("fine", ScriptedProbe.Answering(Outcome.Reachable)));

        var result = outcome.Results.Single(r => r.Id == "broken");
        Assert.Equal(Outcome.Error, result.Outcome);
        Assert.Equal(FailureKind.Other, result.FailureKind);
        Assert.Contains("bug in a probe", result.Detail, StringComparison.Ordinal);
        Assert.True(outcome.Results.Single(r => r.Id == "fine").Pass);
    }

    [Fact]
    public async Task a_probe_that_ignores_its_token_is_stopped_after_its_timeout()
    {
        var deaf = new ScriptedProbe((_, _) => new TaskCompletionSource<ProbeAttempt>().Task);

        var outcome = await ScriptedProbe.DriveAsync(_time, Run(CancellationToken.None, Planned("deaf", deaf, timeout: "1s")), Step);

        Assert.Equal(FailureKind.Timeout, Assert.Single(outcome.Results).FailureKind);
    }

    [Fact]
    public async Task unreachable_expectation_is_met_by_a_refusal_but_never_by_an_error()
    {
        var outcome = await Run(
            CancellationToken.None,
            Planned("refused", new ScriptedProbe((_, _) => Task.FromResult(ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Refused, "refused"))), Expectations.Unreachable),
            Planned("crash", new ScriptedProbe((_, _) => throw new InvalidOperationException("x")), Expectations.Unreachable));

        Assert.True(outcome.Results.Single(r => r.Id == "refused").Pass);
        Assert.False(outcome.Results.Single(r => r.Id == "crash").Pass);
    }
}
