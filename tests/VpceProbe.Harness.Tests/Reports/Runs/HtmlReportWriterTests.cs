using System.Text.RegularExpressions;
using VpceProbe.Harness.Reports.Runs;

namespace VpceProbe.Harness.Tests.Reports.Runs;

public class HtmlReportWriterTests
{
    [Fact]
    public void html_report_matches_its_golden_file()
    {
        Golden.AssertMatches("report.html", Render(SampleRun.Create()));
    }

    [Fact]
    public void html_report_fetches_nothing_and_runs_only_its_own_hashed_script()
    {
        var html = Render(SampleRun.Create());

        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<script"));
    }

    [Fact]
    public void where_the_time_went_is_listed_per_phase_and_for_the_run_when_measured()
    {
        var sample = SampleRun.Create();
        var timing = new VpceProbe.Harness.Timing.PhaseTiming(4100, 300, 1200, 0, 800, 700, 100, new Dictionary<string, int> { ["SendCommand"] = 1 });
        var timed = sample with { Phases = [sample.Phases[0] with { Timing = timing }, .. sample.Phases.Skip(1)], Timing = timing };

        var html = Render(timed);

        Assert.DoesNotContain("Where the time went", Render(sample), StringComparison.Ordinal);
        Assert.Contains($"<li><strong>{sample.Phases[0].Name}</strong>: 4.1 s: changes 0.3, AWS waits 1.2, agent deploy 0.0, agent 0.8, SSM beyond the agent 0.7, harness 0.1; SSM calls 1 SendCommand</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><strong>run</strong>: 4.1 s:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void a_hostile_name_tag_is_text_not_markup()
    {
        var hostile = "\"><script>alert('x')</script><img src=x onerror=alert(1)>";
        var html = Render(SampleRun.Create(SampleVpc.Before(appName: hostile)));

        Assert.Single(Regex.Matches(html, "<script"));
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain(hostile, html, StringComparison.Ordinal);

        // The quote that would close an attribute is escaped too, in the <title> of the instance and in its text.
        Assert.Contains("&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void each_phase_marks_what_it_changed_and_which_instances_failed()
    {
        var html = Render(SampleRun.Create());
        var natRemoved = Section(html, "nat-removed");
        var endpoints = Section(html, "endpoints");

        Assert.Contains("0.0.0.0/0 → nat-0aa (removed)", natRemoved, StringComparison.Ordinal);
        Assert.Contains("class=\"strike\"", natRemoved, StringComparison.Ordinal);
        Assert.Contains("<g class=\"endpoint interface added\" data-id=\"vpce-0dd\">", endpoints, StringComparison.Ordinal);
        Assert.Contains("NEW s3 gateway vpce-0cc", endpoints, StringComparison.Ordinal);
        Assert.Contains("+ new: pl-63a5400a → vpce-0cc", endpoints, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(endpoints, "<g class=\"instance failed\"").Count);
        Assert.Contains("✗ 1 failed", endpoints, StringComparison.Ordinal);
        Assert.DoesNotContain("vpce-0old", html, StringComparison.Ordinal);
    }

    [Fact]
    public void every_cell_opens_its_details_and_says_pass_or_fail_in_words()
    {
        var html = Render(SampleRun.Create());

        Assert.Equal(8, Regex.Matches(html, "<td class=\"cell ").Count);
        Assert.Equal(8, Regex.Matches(html, "<td class=\"cell [a-z]+\"[^>]*><details><summary><span class=\"mark\">(✓ pass|✗ FAIL)</span>").Count);
        Assert.Contains("<dt>connected to</dt><dd>10.0.1.25</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>attempts</dt><dd>4</dd>", html, StringComparison.Ordinal);
        Assert.Contains("no report (undeliverable)", html, StringComparison.Ordinal);
    }

    private static string Section(string html, string phase)
    {
        var start = html.IndexOf($"data-phase=\"{phase}\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string Render(Verdicts.RunResult result)
    {
        var writer = new StringWriter { NewLine = "\n" };
        new HtmlReportWriter().Write(result, writer);
        return writer.ToString();
    }
}
