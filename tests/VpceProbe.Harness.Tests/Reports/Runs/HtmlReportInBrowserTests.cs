using System.Text.Json;
using System.Text.Json.Nodes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Reports.Runs;

/// <summary>
/// The golden run's report.html in a real browser (headless chromium over DevTools): it loads without a console
/// error or a single network request, draws one group per subnet, endpoint and instance of each phase's VPC,
/// has one matrix cell per phase × probe × instance, and marks failing cells in words. The screenshot is kept
/// as TestResults/report.html.png for a person to look at.
/// </summary>
public class HtmlReportInBrowserTests
{
    private const string Counts = """
        JSON.stringify({
          phases: [...document.querySelectorAll('section.phase[data-phase]')].map(s => ({
            phase: s.dataset.phase,
            subnets: s.querySelectorAll('svg g.subnet').length,
            endpoints: s.querySelectorAll('svg g.endpoint').length,
            instances: s.querySelectorAll('svg g.instance').length,
            failedInstances: s.querySelectorAll('svg g.instance.failed').length })),
          cells: document.querySelectorAll('td.cell').length,
          failing: document.querySelectorAll('td.cell.fail').length,
          failingInWords: [...document.querySelectorAll('td.cell.fail summary')].filter(s => s.textContent.includes('✗ FAIL')).length,
          passingInWords: [...document.querySelectorAll('td.cell.pass summary')].filter(s => s.textContent.includes('✓ pass')).length
        })
        """;

    [Fact]
    public async Task golden_report_renders_in_chromium_with_no_error_no_request_and_every_resource_and_cell()
    {
        if (Chromium.Executable is null)
        {
            Assert.Skip("chromium is not installed (/usr/bin/chromium): bash scripts/install-deps.sh installs Debian's package");
        }

        var ct = TestContext.Current.CancellationToken;
        var url = new Uri(Path.GetFullPath(Golden.SourcePath("../Golden/report.html"))).AbsoluteUri;
        await using var browser = await Chromium.StartAsync(ct);
        var page = await browser.NewPageAsync(ct);
        foreach (var domain in new[] { "Page", "Runtime", "Log", "Network" })
        {
            await browser.SendAsync($"{domain}.enable", null, page, ct);
        }

        await browser.SendAsync("Emulation.setDeviceMetricsOverride", Viewport(1400), page, ct);
        await browser.SendAsync("Page.navigate", new JsonObject { ["url"] = url }, page, ct);
        await browser.WaitForEventAsync("Page.loadEventFired", ct);

        var evaluated = await browser.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = Counts, ["returnByValue"] = true }, page, ct);
        using var counts = JsonDocument.Parse(evaluated.GetProperty("result").GetProperty("value").GetString()!);
        await ScreenshotAsync(browser, page, ct);

        var events = browser.Events();
        Assert.Empty(events.Where(e => e.Method == "Runtime.consoleAPICalled" && e.Params.GetProperty("type").GetString() is "error" or "assert").Select(e => e.Params.ToString()));
        Assert.Empty(events.Where(e => e.Method == "Runtime.exceptionThrown").Select(e => e.Params.ToString()));
        Assert.Empty(events.Where(e => e.Method == "Log.entryAdded" && e.Params.GetProperty("entry").GetProperty("level").GetString() == "error").Select(e => e.Params.ToString()));
        Assert.Equal([url], events.Where(e => e.Method == "Network.requestWillBeSent").Select(e => e.Params.GetProperty("request").GetProperty("url").GetString()));

        var run = SampleRun.Create();
        var phases = counts.RootElement.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(run.Phases.Select(p => p.Name), phases.Select(p => p.GetProperty("phase").GetString()));
        var previous = run.Vpc!;
        for (var i = 0; i < run.Phases.Count; i++)
        {
            var picture = run.Phases[i].Vpc ?? previous;

            // A phase that deleted an endpoint still draws it (struck), so count the live ones before and after.
            var endpoints = picture.Endpoints.Concat(run.Phases[i].Vpc is null ? [] : previous.Endpoints).Where(EndpointStates.IsLive).Select(e => e.Id).Distinct().Count();
            Assert.Equal(picture.Subnets.Count, phases[i].GetProperty("subnets").GetInt32());
            Assert.Equal(endpoints, phases[i].GetProperty("endpoints").GetInt32());
            Assert.Equal(picture.Instances.Count, phases[i].GetProperty("instances").GetInt32());
            previous = picture;
        }

        Assert.Equal(2, phases[^1].GetProperty("failedInstances").GetInt32());

        // Every probe × every instance an agent was sent to, per phase; a missing report is a failing cell.
        var cells = run.Phases.Sum(p => p.Cells.Select(c => c.ProbeId).Distinct().Count() * p.Runs.Select(r => r.InstanceId).Union(p.Cells.Select(c => c.InstanceId)).Count());
        var passing = run.Phases.Sum(p => p.Cells.Count(c => c.Pass));
        Assert.Equal(cells, counts.RootElement.GetProperty("cells").GetInt32());
        Assert.Equal(cells - passing, counts.RootElement.GetProperty("failing").GetInt32());
        Assert.Equal(cells - passing, counts.RootElement.GetProperty("failingInWords").GetInt32());
        Assert.Equal(passing, counts.RootElement.GetProperty("passingInWords").GetInt32());
    }

    private static async Task ScreenshotAsync(Chromium browser, string page, CancellationToken ct)
    {
        var metrics = await browser.SendAsync("Page.getLayoutMetrics", null, page, ct);
        var height = (int)Math.Ceiling(metrics.GetProperty("cssContentSize").GetProperty("height").GetDouble());
        await browser.SendAsync("Emulation.setDeviceMetricsOverride", Viewport(1400, height), page, ct);
        var shot = await browser.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true }, page, ct);
        var file = Path.Combine(AppContext.BaseDirectory, "TestResults", "report.html.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, Convert.FromBase64String(shot.GetProperty("data").GetString()!), ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {file}");
    }

    private static JsonObject Viewport(int width, int height = 1000) =>
        new() { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false };
}
