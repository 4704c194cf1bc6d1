using VpceProbe.Contract;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Verdicts;

/// <summary>
/// The exit code of `run` and `probe` from what they found, written once: 3 when an agent run did not complete or the
/// run stopped on an error other than a failed baseline (that one is an expectation not met), else 0 when every phase
/// passed, else 1.
/// </summary>
internal static class ExitVerdict
{
    public static int For(IReadOnlyList<PhaseResult> phases, RunError? error = null) =>
        error is { Kind: not RunErrorKind.BaselineFailed } || phases.Any(p => p.Runs.Any(r => r.Status != AgentRunStatus.Completed))
            ? ExitCodes.Infrastructure
            : phases.All(p => p.Pass) ? ExitCodes.Success : ExitCodes.ExpectationFailed;
}
