using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VpceProbe.Agent.Tests.Support;

/// <summary>
/// Golden JSON under tests/VpceProbe.Agent.Tests/Golden, stored indented so a change of the report's shape
/// reads as a line-by-line diff. VPCEPROBE_UPDATE_GOLDEN=1 rewrites the files from what the agent prints now.
/// </summary>
public static class GoldenJson
{
    public static void AssertMatches(string fileName, string compactJson, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "..", "Golden", fileName);
        var actual = Indent(compactJson);
        if (Environment.GetEnvironmentVariable("VPCEPROBE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests with VPCEPROBE_UPDATE_GOLDEN=1 and review the new file");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return JsonSerializer.Serialize(document.RootElement, options) + "\n";
    }
}
