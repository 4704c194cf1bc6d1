namespace VpceProbe.Lab.Ssm;

/// <summary>What an invocation shows at one instant (see <see cref="CommandInvocation.Current"/>).</summary>
internal sealed record InvocationOutcome(
    InvocationState State, int ResponseCode, string StandardOutput, string StandardError,
    DateTimeOffset? ExecutionStart, DateTimeOffset? ExecutionEnd);
