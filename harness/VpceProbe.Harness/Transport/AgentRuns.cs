using VpceProbe.Contract;
using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// Turns how an SSM invocation of the agent ended into an <see cref="AgentRun"/>. The agent exits 1 when an
/// expectation is not met, so SSM says Failed for a perfectly good run: whatever the status, a report on stdout
/// makes the run Completed. Each other end keeps its own status and a message saying what to do about it.
/// </summary>
internal static class AgentRuns
{
    public const string NotDeployed = "the agent is not deployed on this instance: run `vpceprobe agent deploy` while it can still reach S3";
    public const string NotExecutable = "the agent binary is missing or not executable on the instance: run `vpceprobe agent deploy`";
    public const string Truncated = "stdout was cut at 24,000 characters by SSM: pass --output-bucket so the full report is read from S3";

    public static AgentRun From(SsmInvocation i, string agentPath)
    {
        if (i.End is InvocationEnd.Success or InvocationEnd.Failed)
        {
            return ReportJson.TryRead(i.Stdout.Trim()) is { } report
                ? new AgentRun(i.InstanceId, AgentRunStatus.Completed, report, i.ResponseCode)
                : WithoutReport(i, agentPath);
        }

        var (status, message) = Problem(i);
        return Run(i, status, message);
    }

    /// <summary>How an invocation that did not run to completion counts as a run; its message is <see cref="InvocationProblems"/>'s.</summary>
    private static (AgentRunStatus Status, string Message) Problem(SsmInvocation i) => (i.End switch
    {
        InvocationEnd.Undeliverable or InvocationEnd.Rejected => AgentRunStatus.Undeliverable,
        InvocationEnd.DeliveryTimedOut or InvocationEnd.ExecutionTimedOut or InvocationEnd.TimedOut or InvocationEnd.WaitExpired => AgentRunStatus.TimedOut,
        InvocationEnd.Terminated or InvocationEnd.Cancelled or InvocationEnd.CallerCancelled => AgentRunStatus.Cancelled,
        _ => AgentRunStatus.Failed,
    }, InvocationProblems.Describe(i));

    private static AgentRun WithoutReport(SsmInvocation i, string agentPath) => i.ResponseCode switch
    {
        // 126: found but not executable; 127: not found (POSIX shell conventions).
        126 or 127 => Run(i, AgentRunStatus.Failed, $"{NotExecutable} ({agentPath})"),
        ExitCodes.Usage => Run(i, AgentRunStatus.Failed, $"the agent refused the plan (exit 2): {Tail(i.Stderr)}"),
        _ when SsmOutputReader.MayBeTruncated(i.Stdout) => Run(i, AgentRunStatus.NoReport, i.Message ?? Truncated),
        _ => Run(i, AgentRunStatus.NoReport, $"the agent exited {i.ResponseCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} without a report: {Tail(i.Stderr)}{Why(i)}"),
    };

    // The listing cut the output and reading it whole failed (GetCommandInvocation, S3): that failure is the reason
    // there is no report, and dropping it left "exited 0 without a report: (stderr empty)", which says nothing.
    private static string Why(SsmInvocation i) => i.Message is { Length: > 0 } m ? $" ({m})" : "";

    private static AgentRun Run(SsmInvocation i, AgentRunStatus status, string error) => new(i.InstanceId, status, null, i.ResponseCode, error);

    // stderr can be 8,000 characters; its end is where the reason usually is.
    private static string Tail(string stderr)
    {
        var text = stderr.Trim();
        return text.Length == 0 ? "(stderr empty)" : text.Length <= 400 ? text : "…" + text[^400..];
    }
}
