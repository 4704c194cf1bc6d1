using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Reports;

namespace VpceProbe.Harness.Tests.Reports;

public class ReportDestinationsTests
{
    [Fact]
    public void a_directory_gets_every_file_format_without_a_bom_and_the_table_is_printed()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"vpceprobe-dest-{Guid.NewGuid():N}", "nested");
        try
        {
            var console = new StringWriter();
            var written = ReportDestinations<Verdicts.RunResult>.Resolve(ReportCatalog.Run.Choose([]), dir, null).Write(SampleRun.Create(), console);

            Assert.Equal(["report.json", "report.md", "report.html", "report.xml"], written.Select(Path.GetFileName));
            Assert.All(written, path => Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]));
            Assert.Contains("checks met", console.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }

    [Fact]
    public void one_format_with_a_file_name_goes_to_that_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vpceprobe-dest-{Guid.NewGuid():N}.html");
        try
        {
            var written = ReportDestinations<Verdicts.RunResult>.Resolve(ReportCatalog.Run.Choose(["html"]), file, "ignored").Write(SampleRun.Create(), new StringWriter());

            Assert.Equal([file], written);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(file), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void several_formats_need_a_directory_and_unknown_formats_list_the_choices()
    {
        var toConsole = Assert.Throws<UsageException>(() => ReportDestinations<Harness.Discovery.VpcSnapshot>.Resolve(ReportCatalog.Discover.Choose(["json,html"]), null, null));
        Assert.Contains("give --output DIR", toConsole.Message, StringComparison.Ordinal);

        var oneFile = Assert.Throws<UsageException>(() => ReportDestinations<Harness.Discovery.VpcSnapshot>.Resolve(ReportCatalog.Discover.Choose(["json", "html"]), "x.json", null));
        Assert.Contains("give a directory", oneFile.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<UsageException>(() => ReportCatalog.Cost.Choose(["sarif"]));
        Assert.Contains("choose from table, json", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "table, json, markdown, html, junit")]
    [InlineData("probe", "table, json, markdown, html, junit")]
    [InlineData("accept", "table, json, markdown, html, junit")]
    [InlineData("discover", "table, json, html")]
    [InlineData("audit", "table, json, html, sarif")]
    [InlineData("cost", "table, json")]
    public async Task help_lists_each_commands_formats_from_its_writers(string command, string formats)
    {
        // Help wraps descriptions to the width it assumes: compare with the line breaks folded away.
        var help = System.Text.RegularExpressions.Regex.Replace((await Support.CliRun.InvokeAsync([command, "--help"])).Output, @"\s+", " ");
        var set = command switch
        {
            "run" or "probe" or "accept" => ReportCatalog.Run.Names(),
            "discover" => ReportCatalog.Discover.Names(),
            "audit" => ReportCatalog.Audit.Names(),
            _ => ReportCatalog.Cost.Names(),
        };

        Assert.Equal(formats, set);
        foreach (var format in formats.Split(", "))
        {
            Assert.Contains($"{format} (", help, StringComparison.Ordinal);
        }

        Assert.Contains("--output", help, StringComparison.Ordinal);

        // The example of several formats names only formats this command has.
        var example = System.Text.RegularExpressions.Regex.Match(help, @"Several: --format (\S+)").Groups[1].Value.TrimEnd('.').Split(',');
        Assert.Equal(2, example.Length);
        Assert.All(example, f => Assert.Contains(f, formats.Split(", ")));
    }
}
