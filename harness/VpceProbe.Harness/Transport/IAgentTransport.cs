using VpceProbe.Contract;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// Runs the agent with a plan on target instances and brings back each instance's report.
/// Its <see cref="TransportKind"/> says how: through SSM or as a child process on this machine.
/// </summary>
internal interface IAgentTransport
{
    TransportKind Kind { get; }

    /// <summary>One run per instance, in the order given. Infrastructure trouble is data in <see cref="AgentRun"/>, not an exception.</summary>
    Task<IReadOnlyList<AgentRun>> RunAsync(IReadOnlyList<string> instanceIds, ProbePlan plan, CancellationToken cancellationToken);
}

/// <remarks>Public only because public xunit theories take it as a parameter.</remarks>
public enum AgentRunStatus
{
    /// <summary>The agent printed a report (whatever its verdict).</summary>
    Completed,

    /// <summary>The command ran but no report could be read (crash, truncated output without S3).</summary>
    NoReport,

    /// <summary>SSM could not deliver the command (instance not reachable by SSM).</summary>
    Undeliverable,

    TimedOut,

    /// <summary>The command failed before the agent ran (download, checksum, permissions).</summary>
    Failed,

    Cancelled,
}

internal sealed record AgentRun(string InstanceId, AgentRunStatus Status, AgentReport? Report, int? ExitCode = null, string? Error = null);
