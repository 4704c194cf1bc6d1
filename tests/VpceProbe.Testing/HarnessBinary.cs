namespace VpceProbe.Testing;

/// <summary>
/// The harness (`vpceprobe`) that a test project referencing it gets copied beside its own binaries:
/// how tests start the lab daemon (`vpceprobe lab serve`) exactly as `lab up` does.
/// </summary>
public static class HarnessBinary
{
    /// <summary>The apphost when the build made one, else `dotnet vpceprobe.dll`.</summary>
    public static IReadOnlyList<string> Command()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "vpceprobe");
        return File.Exists(apphost) ? [apphost] : ["dotnet", Path.Combine(AppContext.BaseDirectory, "vpceprobe.dll")];
    }
}
