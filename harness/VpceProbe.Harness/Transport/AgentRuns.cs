using VpceProbe.Contract;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// Turns how an SSM invocation of the agent ended into an <see cref="AgentRun"/>. The agent exits 1 when an
/// expectation is not met, so SSM says Failed for a perfectly good run: whatever the status, a report on stdout
/// makes the run Completed. Each other end keeps its own status and a message saying what to do about it.
/// </summary>
internal static class AgentRuns
{
    public const string NotDeployed = "the agent is not deployed on this instance: run `vpceprobe agent deploy` while it can still reach S3";
    public const string Undeliverable = "SSM could not deliver the command: the instance is not connected to SSM (SSM agent stopped, no instance profile, or no route to ssm, ssmmessages and ec2messages)";
    public const string DeliveryTimedOut = "SSM did not deliver the command before its delivery timeout: the instance is offline or cannot reach the SSM endpoints";
    public const string ExecutionTimedOut = "the agent ran past SSM's executionTimeout and was stopped";
    public const string Terminated = "SSM terminated the invocation because the command reached MaxErrors";
    public const string Cancelled = "the command was cancelled in SSM";
    public const string Rejected = "SSM refused the instance (not managed by SSM, not running, or not Linux)";
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

    /// <summary>What an invocation that did not run to completion means, for any command the harness sends.</summary>
    public static (AgentRunStatus Status, string Message) Problem(SsmInvocation i) => i.End switch
    {
        InvocationEnd.Undeliverable => (AgentRunStatus.Undeliverable, Undeliverable),
        InvocationEnd.Rejected => (AgentRunStatus.Undeliverable, $"{Rejected}: {i.Message}"),
        InvocationEnd.DeliveryTimedOut => (AgentRunStatus.TimedOut, DeliveryTimedOut),
        InvocationEnd.ExecutionTimedOut or InvocationEnd.TimedOut => (AgentRunStatus.TimedOut, ExecutionTimedOut),
        InvocationEnd.WaitExpired => (AgentRunStatus.TimedOut, $"SSM did not finish: the harness {i.Message}"),
        InvocationEnd.Terminated => (AgentRunStatus.Cancelled, Terminated),
        InvocationEnd.Cancelled => (AgentRunStatus.Cancelled, Cancelled),
        InvocationEnd.CallerCancelled => (AgentRunStatus.Cancelled, i.Message ?? "cancelled by the user"),
        _ => (AgentRunStatus.Failed, i.Message ?? $"SSM ended the command {i.LastStatus}"),
    };

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
