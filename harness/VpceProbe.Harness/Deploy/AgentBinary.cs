namespace VpceProbe.Harness.Deploy;

/// <summary>
/// One published agent build (dist/RID/vpceprobe-agent) and where it lives once installed: a directory named by its
/// SHA-256, so an installed hash never changes under a running phase and a later phase needs no download.
/// </summary>
internal sealed record AgentBinary(string Rid, string LocalPath, string Sha256, long Size)
{
    public const string FileName = "vpceprobe-agent";

    public const string InstallRoot = "/var/lib/vpceprobe/agent";

    public string RemoteDirectory => $"{InstallRoot}/{Sha256}";

    public string RemotePath => $"{RemoteDirectory}/{FileName}";

    /// <summary>Where the download lands until its hash is checked; only a checked file is moved to <see cref="RemotePath"/>.</summary>
    public string RemotePartPath => $"{RemotePath}.part";

    /// <summary>
    /// The staging object, gzip-compressed (stored with Content-Encoding gzip, which `curl --compressed` undoes): the
    /// same bytes always have the same key, so an upload is done once per build. Its own name (.gz), not the
    /// uncompressed object's: a harness without --compressed that shares the bucket never downloads gzip bytes.
    /// </summary>
    public string StagingKey => $"vpceprobe/agent/{Sha256}/{FileName}.gz";
}
