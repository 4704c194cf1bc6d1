using VpceProbe.Harness.Reports;

namespace VpceProbe.Harness.Tests.Reports;

public class ReportSinkTests
{
    [Fact]
    public void sink_writes_every_file_format_into_the_output_dir_without_a_bom()
    {
        var dir = new DirectoryInfo(Path.Combine(Path.GetTempPath(), $"vpceprobe-sink-{Guid.NewGuid():N}"));
        try
        {
            var written = ReportSink.WriteFiles(SampleRun.Create(), new DirectoryInfo(Path.Combine(dir.FullName, "nested")));
            Assert.Equal(["report.json", "report.xml", "report.md"], written.Select(Path.GetFileName));
            foreach (var path in written)
            {
                var bytes = File.ReadAllBytes(path);
                Assert.True(bytes.Length > 100, path);
                Assert.NotEqual(0xEF, bytes[0]);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void help_text_lists_every_writer_format()
    {
        var help = ReportWriters.HelpText();
        Assert.All(ReportWriters.All, w => Assert.Contains(w.Format, help, StringComparison.Ordinal));
        Assert.Equal(["console", "json", "junit", "markdown"], ReportWriters.All.Select(w => w.Format));
        Assert.Same(ReportWriters.All[2], ReportWriters.Find("JUnit"));
    }

    [Fact]
    public async Task run_help_lists_the_report_formats_from_the_writers()
    {
        var run = await Support.CliRun.InvokeAsync(["run", "--help"]);

        Assert.All(ReportWriters.All, w => Assert.Contains(w.Format, run.Output, StringComparison.Ordinal));
        Assert.Contains("report.xml", run.Output, StringComparison.Ordinal);
    }
}
