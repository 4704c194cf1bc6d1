using Microsoft.Extensions.Time.Testing;
using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Runner;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Runner;

/// <summary>Throttling and 5xx answers are retried within the attempt's timeout; `throttled` only when it persists.</summary>
public class TransientAnswerPolicyTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static ProbeAttempt Throttled() =>
        ProbeAttempt.Failure(Outcome.Error, FailureKind.Throttled, "SlowDown: Please reduce your request rate.", new Observation { ErrorCode = "SlowDown", StatusCode = 503 });

    private static ProbeAttempt ServerError() =>
        ProbeAttempt.Failure(Outcome.Error, FailureKind.Other, "InternalError: We encountered an internal error.", new Observation { ErrorCode = "InternalError", StatusCode = 500 });

    private Task<RunOutcome> Run(IProbe probe, string timeout = "5s") =>
        new ProbeRunner(_time).RunAsync(
            [PlannedProbe.From(new ProbeSpec { Id = "bucket", Kind = ProbeKinds.S3, Bucket = "b", Expect = Expectations.Allowed, Timeout = timeout }, probe)],
            PrivateRanges.Default, TimeSpan.FromSeconds(60), CancellationToken.None);

    [Fact]
    public async Task a_throttled_then_a_5xx_answer_are_retried_and_the_probe_passes_without_wait_for()
    {
        var busy = new ScriptedProbe((c, _) => Task.FromResult(c.Attempt switch
        {
            1 => Throttled(),
            2 => ServerError(),
            _ => ProbeAttempt.Success(Outcome.Allowed),
        }));

        var outcome = await ScriptedProbe.DriveAsync(_time, Run(busy), Step);

        var result = Assert.Single(outcome.Results);
        Assert.True(result.Pass, result.Detail);
        Assert.Equal(3, result.Attempts);
    }

    [Fact]
    public async Task throttling_that_persists_for_the_whole_timeout_is_reported_as_throttled()
    {
        var always = new ScriptedProbe((_, _) => Task.FromResult(Throttled()));
        var started = _time.GetUtcNow();

        var outcome = await ScriptedProbe.DriveAsync(_time, Run(always, timeout: "3s"), Step);

        var result = Assert.Single(outcome.Results);
        Assert.False(result.Pass);
        Assert.Equal(FailureKind.Throttled, result.FailureKind);
        Assert.InRange(result.Attempts, 3, 30);

        // Retried within the 3 s budget, never beyond it by more than the last wait.
        Assert.InRange(_time.GetUtcNow() - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3.5));
    }

    [Fact]
    public async Task a_network_failure_is_the_probes_answer_and_is_not_retried()
    {
        var refused = new ScriptedProbe((_, _) => Task.FromResult(ProbeAttempt.Failure(Outcome.Unreachable, FailureKind.Refused, "connection refused")));

        var outcome = await ScriptedProbe.DriveAsync(_time, Run(refused), Step);

        Assert.Equal(1, Assert.Single(outcome.Results).Attempts);
        Assert.Equal(1, refused.Calls);
    }

    [Fact]
    public async Task an_access_denied_answer_is_not_retried() =>
        Assert.Equal(1, Assert.Single((await ScriptedProbe.DriveAsync(_time, Run(new ScriptedProbe((_, _) =>
            Task.FromResult(ProbeAttempt.Failure(Outcome.Denied, FailureKind.AccessDenied, "AccessDenied", new Observation { StatusCode = 403 })))), Step)).Results).Attempts);
}
