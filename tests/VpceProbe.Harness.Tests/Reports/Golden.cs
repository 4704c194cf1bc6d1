using System.Runtime.CompilerServices;

namespace VpceProbe.Harness.Tests.Reports;

/// <summary>
/// Golden files beside this source file. VPCEPROBE_UPDATE_GOLDEN=1 rewrites them from the current output,
/// so a format change is a visible diff in review rather than a silent drift.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string fileName, string actual)
    {
        var path = Path.Combine(Directory(), fileName);
        if (Environment.GetEnvironmentVariable("VPCEPROBE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing: run the tests once with VPCEPROBE_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    /// <summary>A file of the test project's source tree, next to this one (schemas, golden files).</summary>
    public static string SourcePath(string relative, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, relative);

    private static string Directory([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden");
}
