namespace VpceProbe.Harness.Run;

/// <summary>How a run was asked for: what the finish-the-rollback command must repeat, and where files go.</summary>
public sealed record RunSettings(string OutputDir, string Region, string? EndpointUrl, string? Profile, bool DryRun)
{
    /// <summary>The command that finishes an incomplete rollback, with the options this run used.</summary>
    public string RollbackCommand(string runId) =>
        $"vpceprobe rollback {runId} --output-dir {OutputDir} --region {Region}"
        + (EndpointUrl is null ? "" : $" --endpoint-url {EndpointUrl}")
        + (Profile is null ? "" : $" --profile {Profile}");
}
