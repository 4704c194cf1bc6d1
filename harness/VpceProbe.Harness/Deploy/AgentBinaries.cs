using System.Security.Cryptography;

namespace VpceProbe.Harness.Deploy;

/// <summary>
/// Finds the published agent builds: --agent-dir, else dist/ next to the harness assembly (the installed tool
/// package carries them there, scripts/pack.sh), else the repository's dist/ (found by walking up to VpceProbe.sln
/// from here and from the harness executable). Each build's SHA-256 is computed from the bytes; a .sha256 file
/// beside it that disagrees is an error, and a packaged build must have one.
/// </summary>
internal static class AgentBinaries
{
    /// <summary>EC2's Architecture value → the .NET runtime identifier the agent is published for.</summary>
    public static string? RidFor(string? ec2Architecture) => ec2Architecture switch
    {
        "x86_64" => "linux-x64",
        "arm64" => "linux-arm64",
        _ => null,
    };

    /// <summary>Where the tool package puts the builds: dist/ beside vpceprobe.dll.</summary>
    public static DirectoryInfo Packaged => new(Path.Combine(AppContext.BaseDirectory, "dist"));

    public static DirectoryInfo? DefaultDirectory()
    {
        if (Packaged.Exists)
        {
            return Packaged;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "VpceProbe.sln")))
                {
                    return new DirectoryInfo(Path.Combine(dir.FullName, "dist"));
                }
            }
        }

        return null;
    }

    /// <summary>The build for one RID, or null when that directory has none.</summary>
    public static AgentBinary? Load(DirectoryInfo agentDir, string rid)
    {
        var path = Path.Combine(agentDir.FullName, rid, AgentBinary.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        string hash;
        using (var stream = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        var sumFile = path + ".sha256";
        if (!File.Exists(sumFile) && Path.GetFullPath(agentDir.FullName).TrimEnd('/') == Path.GetFullPath(Packaged.FullName).TrimEnd('/'))
        {
            // scripts/pack.sh refuses to pack a build without its sum: one missing here means the installed tool was altered.
            throw new InvalidDataException($"{path} has no {sumFile} beside it: reinstall the tool (scripts/pack.sh packs both)");
        }

        if (File.Exists(sumFile) && File.ReadAllText(sumFile).Split(' ', 2)[0].Trim() is var recorded && recorded != hash)
        {
            throw new InvalidDataException($"{path} hashes to {hash} but {sumFile} says {recorded}: republish with scripts/publish-agent.sh");
        }

        return new AgentBinary(rid, path, hash, new FileInfo(path).Length);
    }
}
