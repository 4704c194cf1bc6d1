namespace VpceProbe.Harness.Deploy;

/// <summary>Why the agent could not be put on an instance. Which one it was tells the user what to fix.</summary>
internal enum DeployFailure
{
    /// <summary>EC2 does not know the instance, or it reports an architecture with no agent build.</summary>
    UnsupportedArchitecture,

    /// <summary>No binary for the instance's architecture under --agent-dir.</summary>
    NoBinary,

    /// <summary>The build could not be put in the staging bucket (no such bucket, no permission to write it).</summary>
    StagingFailed,

    /// <summary>SSM could not run a command there (not managed, offline, no route to the SSM endpoints).</summary>
    SsmUnavailable,

    /// <summary>curl could not connect to S3, or timed out: the instance has no path to S3.</summary>
    S3Unreachable,

    /// <summary>S3 answered but refused the download (expired URL, endpoint or bucket policy).</summary>
    S3Refused,

    /// <summary>What arrived does not hash to the staged binary's SHA-256.</summary>
    ChecksumMismatch,

    /// <summary>A step on the instance failed for another reason (disk, permissions, no curl).</summary>
    StepFailed,
}

/// <summary>The agent on one instance: where it is (or would be), and why it is not there when it is not.</summary>
internal sealed record AgentInstallation(string InstanceId, string? Rid, string? Sha256, string? RemotePath, bool AlreadyInstalled, DeployFailure? Failure = null, string? Error = null)
{
    public bool Ready => Failure is null && RemotePath is not null;
}

/// <summary>
/// The agent's place on each instance: what the SSM transport runs. Built by <see cref="AgentDeployer"/>; an
/// instance missing here, or not <see cref="AgentInstallation.Ready"/>, gets a Failed run with the reason.
/// </summary>
internal sealed class AgentInstallations(IEnumerable<AgentInstallation> installations)
{
    private readonly Dictionary<string, AgentInstallation> _byInstance = installations.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);

    public IReadOnlyCollection<AgentInstallation> All => _byInstance.Values;

    public AgentInstallation? For(string instanceId) => _byInstance.GetValueOrDefault(instanceId);
}
