using System.Reflection;

namespace VpceProbe.Testing;

/// <summary>
/// The published NativeAOT agent, which end-to-end tests run as a child process (as SSM would on an instance).
/// VPCEPROBE_AGENT points at another binary; otherwise it is dist/linux-x64/vpceprobe-agent under the repository root.
/// </summary>
public static class AgentBinary
{
    public const string EnvironmentVariable = "VPCEPROBE_AGENT";

    public static string Path
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
            var path = string.IsNullOrWhiteSpace(overridden)
                ? System.IO.Path.Combine(RepositoryRoot(), "dist", "linux-x64", "vpceprobe-agent")
                : overridden;
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"the published agent is missing at {path}: run 'bash scripts/publish-agent.sh' (scripts/test.sh does it before the tests)", path);
        }
    }

    /// <summary>
    /// The folder holding VpceProbe.sln, found by walking up from the test assembly, the working directory
    /// or the directory this library was built from (tests built with an artifacts path outside the tree).
    /// </summary>
    public static string RepositoryRoot()
    {
        var built = typeof(AgentBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "VpceProbe.SourceDirectory")?.Value;
        string?[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, built];
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "VpceProbe.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"no VpceProbe.sln above {AppContext.BaseDirectory}; set {EnvironmentVariable} to the agent binary");
    }
}
