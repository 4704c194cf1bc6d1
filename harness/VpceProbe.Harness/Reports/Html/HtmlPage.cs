using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace VpceProbe.Harness.Reports.Html;

/// <summary>
/// The frame every HTML report shares: one self-contained file (inline CSS and SVG, one small inline script),
/// readable with scripts off and printable. A Content-Security-Policy lets nothing load and no script run but
/// ours (by hash), so a hostile Name tag that slipped through escaping still could not fetch or execute.
/// </summary>
internal static class HtmlPage
{
    // Filtering only: the page is complete without it (the controls stay hidden when scripts are off).
    private const string Script = """
        document.querySelectorAll('.controls').forEach(c => c.hidden = false);
        const text = document.getElementById('filter'), failed = document.getElementById('failed-only');
        function apply() {
          const q = (text?.value ?? '').toLowerCase(), only = failed?.checked ?? false;
          document.querySelectorAll('tr.probe-row').forEach(row => {
            const hit = row.textContent.toLowerCase().includes(q);
            const bad = row.querySelector('.cell.fail') !== null;
            row.hidden = !hit || (only && !bad);
          });
        }
        text?.addEventListener('input', apply);
        failed?.addEventListener('change', apply);
        window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach(d => d.open = true));
        """;

    private const string Css = """
        :root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --line: #d0d7de; --muted: #57606a; --new: #0969da; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1f2328; }
        code, .id, td.cell, dl { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); }
        .meta { color: var(--muted); } .meta span { margin-right: 16px; white-space: nowrap; }
        .verdict-pass { color: var(--pass); } .verdict-fail { color: var(--fail); }
        .error { border: 2px solid var(--fail); padding: 8px 12px; background: #ffebe9; white-space: pre-wrap; }
        table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        .phase-body { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; } /* the matrix beside the drawing, or below it when there is no room */
        .phase-body > figure { margin: 0; max-width: 100%; } .phase-body > .matrix { flex: 1 1 560px; min-width: 0; }
        .drawing { overflow-x: auto; max-width: 100%; } .drawing svg { display: block; }
        code { white-space: nowrap; } /* ids, ARNs and URLs are never split */
        .matrix { overflow-x: auto; } td.cell { min-width: 7em; max-width: 22em; }
        td.cell.pass { background: #dafbe1; } td.cell.fail { background: #ffebe9; border: 2px solid var(--fail); }
        td.cell summary { cursor: pointer; } .mark { font-weight: bold; }
        dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 6px 0 0; } dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
        .controls { margin: 8px 0; } .controls input[type=search] { width: 20em; }
        .legend span { margin-right: 14px; }
        svg text { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11px; fill: #1f2328; }
        svg .label { font-family: system-ui, sans-serif; font-weight: 600; font-size: 12px; }
        svg .vpc > rect { fill: #fbfdff; stroke: #8c959f; stroke-width: 1.5; }
        svg .az > rect { fill: none; stroke: #8c959f; stroke-dasharray: 6 4; }
        svg .subnet > rect { stroke: #8c959f; } svg .subnet.public > rect { fill: #eef6ee; } svg .subnet.private > rect { fill: #eef3fb; }
        svg .item > rect, svg .endpoint rect, svg .instance rect, svg .nat rect, svg .igw rect { fill: #fff; stroke: #57606a; }
        svg .added rect { stroke: var(--new); stroke-width: 3; fill: #ddf4ff; }
        svg .removed rect { stroke: var(--fail); stroke-dasharray: 4 3; fill: #fff5f5; }
        svg text.removed { fill: var(--fail); text-decoration: line-through; } svg text.added { fill: var(--new); font-weight: bold; }
        svg line.strike { stroke: var(--fail); stroke-width: 1.5; }
        svg .instance.failed rect { stroke: var(--fail); stroke-width: 3; fill: #ffebe9; } svg .instance.failed text.status { fill: var(--fail); font-weight: bold; }
        svg .pin circle { fill: var(--warn); stroke: #fff; stroke-width: 1.5; } svg .pin text { fill: #fff; font-weight: bold; text-anchor: middle; }
        @media print {
          body { margin: 0; } .controls { display: none !important; } .phase { break-inside: avoid-page; }
          .drawing { overflow: visible; } .drawing svg { max-width: 100%; height: auto; }
          details::details-content { content-visibility: visible; display: block; }
        }
        """;

    private static readonly string ScriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));

    /// <summary>Escapes text for an element body or a double-quoted attribute: names and tags are hostile input.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static void Write(TextWriter writer, string title, Action<TextWriter> body, bool filterable)
    {
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        writer.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{ScriptHash}'\">\n");
        writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        writer.Write($"<title>{E(title)}</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n");
        if (filterable)
        {
            writer.Write("<div class=\"controls\" hidden><label>Filter probes <input type=\"search\" id=\"filter\" placeholder=\"probe, instance, kind…\"></label> ");
            writer.Write("<label><input type=\"checkbox\" id=\"failed-only\"> failures only</label></div>\n");
        }

        body(writer);
        writer.Write($"<script>{Script}</script>\n</body>\n</html>\n");
    }
}
