using VpceProbe.Harness.Changes.Undo;

namespace VpceProbe.Harness.Run;

/// <summary>How a run was asked for: what the finish-the-rollback command must repeat, and where files go.</summary>
/// <param name="UndoRetryFor">How long undo rides out throttling, 5xx and lost connections before it leaves a change (default 5 minutes).</param>
/// <param name="ProceedOnFailedBaseline">Change the VPC even when a phase before the first change failed or brought back no report.</param>
internal sealed record RunSettings(
    string OutputDir, string Region, string? EndpointUrl, string? Profile, bool DryRun,
    TimeSpan? UndoRetryFor = null, bool ProceedOnFailedBaseline = false)
{
    public TimeSpan UndoBound => UndoRetryFor ?? UndoRetry.DefaultBound;

    /// <summary>The command that finishes an incomplete rollback, with the options this run used.</summary>
    public string RollbackCommand(string runId) =>
        $"vpceprobe rollback {runId} --output-dir {OutputDir} --region {Region}"
        + (EndpointUrl is null ? "" : $" --endpoint-url {EndpointUrl}")
        + (Profile is null ? "" : $" --profile {Profile}");
}
