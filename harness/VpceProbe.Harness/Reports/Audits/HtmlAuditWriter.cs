using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Reports.Html;
using static VpceProbe.Harness.Reports.Html.HtmlPage;

namespace VpceProbe.Harness.Reports.Audits;

/// <summary>`audit --format html`: the VPC drawn with each finding pinned (by number) to its resource, and the findings listed.</summary>
internal sealed class HtmlAuditWriter() : HtmlWriter<AuditReport>("audit.html", "the VPC drawn with each finding pinned to its resource")
{
    protected override string Title(AuditReport report) => $"VpceProbe audit · {report.VpcId}";

    protected override void Body(AuditReport report, TextWriter w)
    {
        w.Write($"<header><h1>Audit of <code>{E(report.VpcId)}</code> in {E(report.Region)}: {report.Findings.Count} findings</h1>");
        w.Write($"<p class=\"meta\">{report.Rules.Count} rules checked, Describe calls only</p></header>\n");
        if (report.Snapshot is { } vpc)
        {
            var pins = report.Findings.Select((f, i) => (f.Resource, Number: i + 1)).GroupBy(p => p.Resource)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(p => p.Number)]);
            w.Write("<figure class=\"drawing\">");
            VpcDrawing.Write(w, vpc, DrawingMarks.None with { Pins = pins }, $"{report.VpcId} with {report.Findings.Count} findings pinned");
            w.Write("<figcaption class=\"legend\">Numbered pins: the findings below, on the resource they are about (a security group on its endpoint, an ACL on its subnet, else on the VPC).</figcaption></figure>\n");
        }

        w.Write("<table class=\"findings\"><thead><tr><th>#</th><th>Severity</th><th>Rule</th><th>Resource</th><th>Finding</th></tr></thead><tbody>\n");
        for (var i = 0; i < report.Findings.Count; i++)
        {
            var f = report.Findings[i];
            var rule = report.Rules.FirstOrDefault(r => r.Id == f.RuleId)?.Name ?? "";
            w.Write($"<tr class=\"finding\" data-finding=\"{i + 1}\"><td>{i + 1}</td><td>{E(SeverityNames.Name(f.Severity))}</td><td>{E(f.RuleId)}<br><small>{E(rule)}</small></td>");
            w.Write($"<td><code>{E(f.Resource)}</code></td><td>{E(f.What)}<br><b>Why:</b> {E(f.Why)}<br><b>Fix:</b> <code>{E(f.Fix)}</code></td></tr>\n");
        }

        w.Write("</tbody></table>\n");
    }
}
