using System.Text.Json;
using System.Text.Json.Nodes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Reports.Runs;

/// <summary>
/// The golden run's report.html in a real browser (headless chromium over DevTools): it loads without a console
/// error or a single network request, draws one group per subnet, endpoint and instance of each phase's VPC,
/// has one matrix cell per phase × probe × instance, and marks failing cells in words. The screenshot is kept
/// as TestResults/report.html.png for a person to look at. With scripts off the page must read the same (its
/// filter is a nicety), and printed it must show every cell's details.
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

    // What a reader sees: a box with a size that checkVisibility() (display, visibility, a folded <details>) calls visible.
    private const string Seen = """
        (() => {
          const seen = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && e.checkVisibility({ visibilityProperty: true, opacityProperty: true }); };
          const all = q => [...document.querySelectorAll(q)];
          const controls = document.querySelector('.controls');
          return JSON.stringify({
            controlsHidden: controls.hidden, controlsSeen: seen(controls),
            phases: all('section.phase[data-phase]').map(s => ({
              phase: s.dataset.phase,
              drawingSeen: [...s.querySelectorAll('svg.vpc-drawing')].filter(seen).length,
              subnetsSeen: [...s.querySelectorAll('svg g.subnet')].filter(seen).length,
              failedInstancesSeen: [...s.querySelectorAll('svg g.instance.failed')].filter(seen).length,
              rowsSeen: [...s.querySelectorAll('tr.probe-row')].filter(seen).length })),
            cellsSeen: all('td.cell').filter(seen).length,
            failingSeenInWords: all('td.cell.fail summary').filter(e => seen(e) && e.innerText.includes('✗ FAIL')).length,
            detailsShown: all('td.cell dd').filter(seen).length,
            details: all('td.cell dd').length,
            error: [...document.querySelectorAll('#run-error')].filter(seen).map(e => e.innerText).join(''),
            troubled: all('p.troubled').filter(seen).map(e => e.innerText),
            changesSeen: all('table.changes tbody tr').filter(seen).length,
            widest: Math.max(...all('svg.vpc-drawing').map(e => e.getBoundingClientRect().right)),
            page: document.documentElement.clientWidth
          });
        })()
        """;

    [Fact]
    public async Task with_scripts_off_the_report_reads_the_same_and_printed_it_shows_every_detail()
    {
        if (Chromium.Executable is null)
        {
            Assert.Skip("chromium is not installed (/usr/bin/chromium): bash scripts/install-deps.sh installs Debian's package");
        }

        var ct = TestContext.Current.CancellationToken;
        var run = SampleRun.Create() with { Error = new RunError(RunErrorKind.AwsError, "AWS refused DescribeRouteTables: RequestLimitExceeded; the run rolled back") };
        var file = Path.Combine(Directory.CreateTempSubdirectory("html-noscript-").FullName, "report.html");
        await using (var writer = new StreamWriter(file))
        {
            new HtmlReportWriter().Write(run, writer);
        }

        await using var browser = await Chromium.StartAsync(ct);
        var page = await browser.NewPageAsync(ct);
        await browser.SendAsync("Page.enable", null, page, ct);
        await browser.SendAsync("Emulation.setScriptExecutionDisabled", new JsonObject { ["value"] = true }, page, ct);
        await browser.SendAsync("Emulation.setDeviceMetricsOverride", Viewport(1400), page, ct);
        await browser.SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(file).AbsoluteUri }, page, ct);
        await browser.WaitForEventAsync("Page.loadEventFired", ct);

        using var screen = await EvaluateAsync(browser, page, Seen, ct);
        var seen = screen.RootElement;

        // The page's own script did not run (it would have shown the filter): the filter stays out of sight rather than dead.
        Assert.True(seen.GetProperty("controlsHidden").GetBoolean());
        Assert.False(seen.GetProperty("controlsSeen").GetBoolean());

        var phases = seen.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(run.Phases.Select(p => p.Name), phases.Select(p => p.GetProperty("phase").GetString()));
        Assert.All(phases, p => Assert.Equal(1, p.GetProperty("drawingSeen").GetInt32()));
        Assert.All(phases, p => Assert.Equal(run.Vpc!.Subnets.Count, p.GetProperty("subnetsSeen").GetInt32()));
        Assert.Equal(2, phases[^1].GetProperty("failedInstancesSeen").GetInt32());
        Assert.Equal(run.Phases.Select(p => p.Cells.Select(c => c.ProbeId).Distinct().Count()), phases.Select(p => p.GetProperty("rowsSeen").GetInt32()));

        var cells = run.Phases.Sum(p => p.Cells.Select(c => c.ProbeId).Distinct().Count() * p.Runs.Select(r => r.InstanceId).Union(p.Cells.Select(c => c.InstanceId)).Count());
        var passing = run.Phases.Sum(p => p.Cells.Count(c => c.Pass));
        Assert.Equal(cells, seen.GetProperty("cellsSeen").GetInt32());
        Assert.Equal(cells - passing, seen.GetProperty("failingSeenInWords").GetInt32());
        Assert.Contains("RequestLimitExceeded", seen.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, seen.GetProperty("troubled").GetArrayLength());
        Assert.Equal(run.Changes.Count, seen.GetProperty("changesSeen").GetInt32());

        // On screen a cell's details are folded; a click opens them, which needs no script.
        Assert.Equal(0, seen.GetProperty("detailsShown").GetInt32());
        await ClickAsync(browser, page, "td.cell.fail summary", ct);
        using (var clicked = await EvaluateAsync(browser, page, Seen, ct))
        {
            Assert.InRange(clicked.RootElement.GetProperty("detailsShown").GetInt32(), 4, seen.GetProperty("details").GetInt32() - 1);
        }

        // Printed on A4 (794 CSS px): the filter is gone, every cell's details are unfolded and the drawings fit the page.
        await browser.SendAsync("Emulation.setEmulatedMedia", new JsonObject { ["media"] = "print" }, page, ct);
        await browser.SendAsync("Emulation.setDeviceMetricsOverride", Viewport(794), page, ct);
        using var print = await EvaluateAsync(browser, page, Seen, ct);
        Assert.False(print.RootElement.GetProperty("controlsSeen").GetBoolean());
        Assert.Equal(seen.GetProperty("details").GetInt32(), print.RootElement.GetProperty("detailsShown").GetInt32());
        Assert.True(
            print.RootElement.GetProperty("widest").GetDouble() <= print.RootElement.GetProperty("page").GetDouble(),
            $"a drawing is {print.RootElement.GetProperty("widest")} px wide on a {print.RootElement.GetProperty("page")} px page");

        var pdf = await browser.SendAsync("Page.printToPDF", new JsonObject { ["paperWidth"] = 8.27, ["paperHeight"] = 11.69 }, page, ct);
        var bytes = Convert.FromBase64String(pdf.GetProperty("data").GetString()!);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
        var artifact = Path.Combine(AppContext.BaseDirectory, "TestResults", "report.html.noscript.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(artifact)!);
        await File.WriteAllBytesAsync(artifact, bytes, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"printed: {artifact}");
    }

    // DevTools evaluates in the page even when the page's own scripts are disabled: that is how a reader's view is measured.
    private static async Task<JsonDocument> EvaluateAsync(Chromium browser, string page, string expression, CancellationToken ct)
    {
        var evaluated = await browser.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, page, ct);
        return JsonDocument.Parse(evaluated.GetProperty("result").GetProperty("value").GetString()!);
    }

    /// <summary>A real mouse click in the middle of the first element matching <paramref name="selector"/>, scrolled into view as a reader would.</summary>
    private static async Task ClickAsync(Chromium browser, string page, string selector, CancellationToken ct)
    {
        using var box = await EvaluateAsync(browser, page, $"(() => {{ const e = document.querySelector('{selector}'); e.scrollIntoView({{ block: 'center' }}); const r = e.getBoundingClientRect(); return JSON.stringify({{ x: r.x + r.width / 2, y: r.y + r.height / 2 }}); }})()", ct);
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
        {
            await browser.SendAsync(
                "Input.dispatchMouseEvent",
                new JsonObject { ["type"] = type, ["x"] = box.RootElement.GetProperty("x").GetDouble(), ["y"] = box.RootElement.GetProperty("y").GetDouble(), ["button"] = "left", ["clickCount"] = 1 },
                page,
                ct);
        }
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
