using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Reports.Html;
using static VpceProbe.Harness.Reports.Html.HtmlPage;

namespace VpceProbe.Harness.Reports.Snapshots;

/// <summary>`discover --format html`: the VPC drawn, in one self-contained page.</summary>
internal sealed class HtmlSnapshotWriter() : HtmlWriter<VpcSnapshot>("discover.html", "the VPC drawn, one self-contained page")
{
    protected override string Title(VpcSnapshot report) => $"VpceProbe discover · {report.VpcId}";

    protected override void Body(VpcSnapshot report, TextWriter w)
    {
        w.Write($"<header><h1>VPC <code>{E(report.VpcId)}</code> in {E(report.Region)}</h1></header>\n<figure class=\"drawing\">");
        VpcDrawing.Write(w, report, DrawingMarks.None, $"{report.VpcId} as discovered");
        w.Write("</figure>\n");
    }
}
