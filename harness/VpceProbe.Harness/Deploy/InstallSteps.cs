using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Deploy;

/// <summary>
/// The commands deployment sends, one plain command per SendCommand (LocalStack runs nothing else), so a
/// failing step is known by which command failed rather than by parsing a script's output.
/// </summary>
internal static class InstallSteps
{
    public static readonly TimeSpan QuickStep = TimeSpan.FromSeconds(60);

    /// <summary>curl's own limit plus time to start; SSM's executionTimeout for the download step.</summary>
    public static readonly TimeSpan DownloadStep = TimeSpan.FromSeconds(330);

    /// <summary>Prints "HASH  PATH" when the file is there; exits 1 when it is not.</summary>
    public static SsmCommand Hash(string path) => new(PlainCommand.Of("sha256sum", path), QuickStep, "vpceprobe: agent check");

    // --fail makes an HTTP error an exit code (22) instead of saving S3's XML error as the binary; connect and
    // overall timeouts make a silently dropped path (no NAT, no endpoint) end in exit 28 instead of hanging.
    // --create-dirs makes the per-hash directory: one SSM command fewer than a mkdir of its own, and each
    // command waits for the slowest instance of a fleet. --compressed undoes the staged object's Content-Encoding
    // gzip (AgentStaging), so the file written is the build itself, which the next step hashes.
    public static SsmCommand Download(AgentBinary b, string url) => new(
        PlainCommand.Of("curl", "--fail", "--silent", "--show-error", "--compressed", "--connect-timeout", "10", "--max-time", "300", "--retry", "2", "--create-dirs", "--output", b.RemotePartPath, url),
        DownloadStep,
        "vpceprobe: agent deploy",
        DueWithin: TimeSpan.FromSeconds(60));

    /// <summary>
    /// Only a checked file takes the final name, so `sha256sum PATH` matching means installed. One `install -m 0755`
    /// instead of a chmod and an mv: one SSM round trip fewer (each about 0.8 s on the lab, more across a fleet). It
    /// copies rather than renames, so a copy cut short leaves a final file that does not hash to the build, and the
    /// next deploy's check finds that and installs again; nothing runs the agent before this step has succeeded.
    /// </summary>
    public static SsmCommand Install(AgentBinary b) => new(PlainCommand.Of("install", "-m", "0755", b.RemotePartPath, b.RemotePath), QuickStep, "vpceprobe: agent deploy");

    /// <summary>True when sha256sum's output names the expected hash.</summary>
    public static bool HashMatches(string stdout, string sha256) =>
        stdout.TrimStart().Split(' ', 2)[0].Equals(sha256, StringComparison.OrdinalIgnoreCase);
}
