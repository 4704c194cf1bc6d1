using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Reports.Html;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;
using static VpceProbe.Harness.Reports.Html.HtmlPage;

namespace VpceProbe.Harness.Reports.Runs;

/// <summary>
/// report.html: one self-contained page for people who were not at the terminal. Per phase, the VPC as the
/// probes saw it (what the phase changed marked, failed instances marked) beside the probe × instance matrix,
/// whose every cell opens its details; then the changes and their undo. Works with scripts off; printable.
/// </summary>
internal sealed class HtmlReportWriter : IReportWriter<RunResult>
{
    public ReportFormat Format => ReportFormat.Html;

    public string FileName => "report.html";

    public string Description => "one self-contained page: the VPC drawn per phase beside the matrix, for people";

    public void Write(RunResult result, TextWriter writer) =>
        HtmlPage.Write(writer, $"VpceProbe {result.Scenario} · {result.VpcId} · run {result.RunId}", w => Body(result, w), filterable: true);

    private static void Body(RunResult r, TextWriter w)
    {
        var met = r.Phases.Sum(p => p.Cells.Count(c => c.Pass));
        w.Write($"<header><h1>VpceProbe <code>{E(r.Scenario)}</code>: {Verdict(r.Pass, r.Pass ? "PASS" : "FAIL")} (exit {r.ExitCode})</h1>\n<p class=\"meta\">");
        w.Write($"<span>run <code>{E(r.RunId)}</code></span><span>VPC <code>{E(r.VpcId)}</code></span><span>transport {E(r.Transport ?? "unknown")}</span>");
        w.Write($"<span>backend {E(r.Backend ?? "unknown")}</span><span>started {ReportText.Timestamp(r.StartedAt)}</span><span>{ReportText.Seconds(r.Duration)} s</span>");
        w.Write($"<span>{met} of {r.Phases.Sum(p => p.Cells.Count)} checks met</span></p></header>\n");
        if (r.Error is { } error)
        {
            w.Write($"<section class=\"error\" id=\"run-error\"><strong>The run stopped:</strong> {E(error.Message)}</section>\n");
        }

        if (r.LeftBehind is { } left)
        {
            w.Write($"<section class=\"error\" id=\"left-behind\"><strong>Rollback incomplete. Left behind:</strong>\n{E(left)}</section>\n");
        }

        Summary(r, w);
        var previous = r.Vpc;
        for (var i = 0; i < r.Phases.Count; i++)
        {
            var phase = r.Phases[i];
            var picture = phase.Vpc ?? previous;
            var marks = (phase.Vpc is null ? DrawingMarks.None : DrawingMarks.Between(previous, phase.Vpc)) with
            {
                FailedInstances = Failed(phase),
            };
            Phase(r, phase, i + 1, picture, marks, w);
            previous = picture;
        }

        if (r.VpcAfter is { } after)
        {
            w.Write("<section class=\"phase\" id=\"after-cleanup\"><h2>After cleanup</h2>\n<p>The VPC as described for the verification that every route and endpoint is as before the run.</p>\n<figure class=\"drawing\">");
            VpcDrawing.Write(w, after, DrawingMarks.Between(previous, after), "the VPC after cleanup");
            w.Write("</figure></section>\n");
        }

        Changes(r, w);
    }

    /// <summary>Instance → failed checks; an agent run that brought back nothing fails every probe of the phase on it.</summary>
    private static Dictionary<string, int> Failed(PhaseResult phase)
    {
        var failed = phase.Cells.Where(c => !c.Pass).GroupBy(c => c.InstanceId).ToDictionary(g => g.Key, g => g.Count());
        var probes = Math.Max(1, phase.Cells.Select(c => c.ProbeId).Distinct().Count());
        foreach (var run in ReportText.Troubled(phase))
        {
            failed.TryAdd(run.InstanceId, probes);
        }

        return failed;
    }

    private static void Summary(RunResult r, TextWriter w)
    {
        w.Write("<h2>Phases</h2>\n<table class=\"phases\"><thead><tr><th>#</th><th>Phase</th><th>Result</th><th>Checks</th><th>Failed</th><th>Time</th><th>Actions</th></tr></thead><tbody>\n");
        for (var i = 0; i < r.Phases.Count; i++)
        {
            var p = r.Phases[i];
            w.Write($"<tr><td>{i + 1}</td><td><a href=\"#phase-{i + 1}\">{E(p.Name)}</a></td><td>{Verdict(p.Pass, p.Pass ? "pass" : "FAIL")}</td><td>{p.Cells.Count}</td>");
            w.Write($"<td>{p.Cells.Count(c => !c.Pass)}</td><td>{(p.Duration is { } d ? $"{ReportText.Seconds(d)} s" : "not recorded")}</td><td>{E(string.Join("; ", p.Actions))}</td></tr>\n");
        }

        w.Write("</tbody></table>\n");
        Timings(r, w);
    }

    private static void Phase(RunResult r, PhaseResult phase, int number, VpcSnapshot? picture, DrawingMarks marks, TextWriter w)
    {
        w.Write($"<section class=\"phase\" id=\"phase-{number}\" data-phase=\"{E(phase.Name)}\"><h2>Phase {number}: {E(phase.Name)} · {Verdict(phase.Pass, phase.Pass ? "pass" : "FAIL")}</h2>\n");
        if (phase.Actions.Count > 0)
        {
            w.Write($"<p>Actions: {E(string.Join("; ", phase.Actions))}</p>\n");
        }

        w.Write("<div class=\"phase-body\">\n<figure class=\"drawing\">");
        if (picture is null)
        {
            w.Write("<p>The VPC was not described for this run.</p>");
        }
        else
        {
            VpcDrawing.Write(w, picture, marks, $"{r.VpcId} during phase {phase.Name}");
            w.Write("<figcaption class=\"legend\"><span>+ new: route added</span><span>struck through: removed</span><span>NEW: endpoint created (blue)</span><span>✗ N failed: instance with failed checks (red)</span></figcaption>");
        }

        w.Write("</figure>\n<div class=\"matrix\">");
        Matrix(phase, w);
        foreach (var run in ReportText.Troubled(phase))
        {
            w.Write($"<p class=\"troubled\">✗ agent on <code>{E(run.InstanceId)}</code>: {E(ReportText.Status(run.Status))}: {E(run.Error ?? "")}</p>\n");
        }

        w.Write("</div>\n</div>\n</section>\n");
    }

    private static void Matrix(PhaseResult phase, TextWriter w)
    {
        var probes = phase.Cells.Select(c => c.ProbeId).Distinct().ToList();
        var instances = phase.Runs.Select(x => x.InstanceId).Concat(phase.Cells.Select(c => c.InstanceId)).Distinct().ToList();
        if (probes.Count == 0)
        {
            w.Write("<p>No probe ran in this phase.</p>");
            return;
        }

        w.Write("<table class=\"matrix\"><thead><tr><th>Probe</th>");
        foreach (var instance in instances)
        {
            w.Write($"<th><code>{E(instance)}</code></th>");
        }

        w.Write("</tr></thead><tbody>\n");
        foreach (var probe in probes)
        {
            var first = phase.Cells.First(c => c.ProbeId == probe);
            w.Write($"<tr class=\"probe-row\"><th><code>{E(probe)}</code><br><small>{E(first.Kind)} {E(first.Target)}</small></th>");
            foreach (var instance in instances)
            {
                var cell = phase.Cells.FirstOrDefault(c => c.ProbeId == probe && c.InstanceId == instance);
                var run = phase.Runs.FirstOrDefault(x => x.InstanceId == instance);
                Cell(phase, probe, instance, cell, run, w);
            }

            w.Write("</tr>\n");
        }

        w.Write("</tbody></table>");
    }

    private static void Cell(PhaseResult phase, string probe, string instance, MatrixCell? cell, AgentRun? run, TextWriter w)
    {
        var pass = cell?.Pass ?? false;
        var result = run?.Report?.Results.FirstOrDefault(x => x.Id == probe);
        w.Write($"<td class=\"cell {(pass ? "pass" : "fail")}\" data-phase=\"{E(phase.Name)}\" data-probe=\"{E(probe)}\" data-instance=\"{E(instance)}\" data-result=\"{(pass ? "pass" : "fail")}\">");
        var observed = cell is null ? $"no report ({ReportText.Status(run?.Status ?? AgentRunStatus.NoReport)})" : ReportText.Observed(cell);
        w.Write($"<details><summary><span class=\"mark\">{(pass ? "✓ pass" : "✗ FAIL")}</span> {E(observed)}</summary><dl>");
        Item(w, "expected", cell?.Expected ?? "");
        Item(w, "observed", observed);
        Item(w, "failure kind", cell is null ? "no_report" : ReportText.Kind(cell) is { Length: > 0 } k ? k : "none");
        Item(w, "attempts", result is null ? "not reported" : result.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Item(w, "latency", cell is null ? "" : $"{cell.DurationMs} ms" + (result?.Observed?.RttMs is { } rtt ? $" (rtt {rtt:0.#} ms)" : ""));
        Item(w, "connected to", Address(result?.Observed) ?? "not reported");
        if (result?.Observed?.Answers is { Count: > 0 } answers)
        {
            Item(w, "answers", string.Join(", ", answers));
        }

        Item(w, "detail", cell?.Detail ?? run?.Error ?? "");
        if (cell is not null)
        {
            Explained(cell, w);
        }

        w.Write("</dl></details></td>");
    }

    // The diagnosis, when the run made one: what the VPC's configuration predicted, and for a failed or
    // unexpected cell the cause, the resource that decided it and the fix (the same words as the console's footnotes).
    private static void Explained(MatrixCell cell, TextWriter w)
    {
        if (cell.Prediction is { } prediction)
        {
            Item(w, "predicted", CauseText.Predicted(cell));
            if (prediction.Path.Count > 0)
            {
                Item(w, "path", CauseText.PathText(prediction));
            }
        }

        if (cell.Cause is { } cause)
        {
            Item(w, "cause", $"{cause.Short}: {cause.Detail}");
            Item(w, "fix", cause.Fix);
        }
    }

    // Where each phase's time went, when the run measured it (report.json's timing, as the console's time lines).
    private static void Timings(RunResult r, TextWriter w)
    {
        var timed = r.Phases.Where(p => p.Timing is not null).ToList();
        if (timed.Count == 0)
        {
            return;
        }

        w.Write("<h3 id=\"timing\">Where the time went</h3>\n<ul class=\"timing\">\n");
        foreach (var phase in timed)
        {
            w.Write($"<li><strong>{E(phase.Name)}</strong>: {E(phase.Timing!.Line())}</li>\n");
        }

        if (r.Timing is { } total)
        {
            w.Write($"<li><strong>run</strong>: {E(total.Line())}</li>\n");
        }

        w.Write("</ul>\n");
    }

    private static string? Address(Observation? o) => o?.Address ?? o?.Endpoint ?? o?.Nameserver;

    private static void Item(TextWriter w, string name, string value)
    {
        if (value.Length > 0)
        {
            w.Write($"<dt>{name}</dt><dd>{E(value)}</dd>");
        }
    }

    private static void Changes(RunResult r, TextWriter w)
    {
        w.Write("<h2 id=\"changes\">Changes to the VPC and their undo</h2>\n");
        if (r.Changes.Count == 0)
        {
            w.Write("<p>No change was made to the VPC.</p>\n");
            return;
        }

        w.Write("<table class=\"changes\"><thead><tr><th>Phase</th><th>Action</th><th>Resource</th><th>Status</th><th>What</th></tr></thead><tbody>\n");
        foreach (var c in r.Changes)
        {
            w.Write($"<tr><td>{E(c.Phase)}</td><td>{E(c.Action)}</td><td><code>{E(c.Resource)}</code></td><td>{E(ReportText.WireName(c.Status))}</td><td>{E(c.Description)}</td></tr>\n");
        }

        w.Write("</tbody></table>\n");
    }

    private static string Verdict(bool pass, string text) => $"<span class=\"verdict-{(pass ? "pass" : "fail")}\">{(pass ? "✓" : "✗")} {text}</span>";
}
