namespace VpceProbe.Testing;

/// <summary>
/// The harness (`vpceprobe`) that a test project referencing it gets copied beside its own binaries:
/// how tests run it as a user does (<see cref="HarnessProcess"/>).
/// </summary>
public static class HarnessBinary
{
    public static IReadOnlyList<string> Command() => Beside("vpceprobe");

    /// <summary>A program copied beside the tests: its apphost when the build made one, else `dotnet NAME.dll`.</summary>
    internal static IReadOnlyList<string> Beside(string name)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(apphost) ? [apphost] : ["dotnet", Path.Combine(AppContext.BaseDirectory, name + ".dll")];
    }
}
