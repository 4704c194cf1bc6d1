using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>What one attempt of a probe saw. Pass/fail is decided by the runner from the expectation.</summary>
internal sealed record ProbeAttempt(Outcome Outcome, FailureKind? FailureKind = null, string? Detail = null, Observation? Observed = null)
{
    public static ProbeAttempt Success(Outcome outcome, Observation? observed = null) => new(outcome, null, null, observed);

    public static ProbeAttempt Failure(Outcome outcome, FailureKind kind, string detail, Observation? observed = null) =>
        new(outcome, kind, detail, observed);
}
