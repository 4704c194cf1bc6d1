using System.Globalization;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Output;

/// <summary>For a person at a shell on the instance. Not a stable format: scripts read the JSON.</summary>
internal sealed class TableReportWriter : IReportWriter
{
    private static readonly string[] Headers = ["ID", "KIND", "TARGET", "EXPECT", "OUTCOME", "PASS", "FAILURE", "TRIES", "MS", "DETAIL"];

    public string Format => "table";

    public void Write(AgentReport report, TextWriter output)
    {
        var rows = report.Results.Select(Row).Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        var verdict = report.Pass ? "PASS" : "FAIL";
        var passed = report.Results.Count(r => r.Pass);
        var interrupted = report.Interrupted ? " (interrupted: unfinished probes are cancelled)" : "";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{verdict}: {passed}/{report.Results.Count} expectations met in {report.DurationMs} ms on {report.Host.Hostname ?? "?"}{interrupted}"));
    }

    private static string[] Row(ProbeResult r) =>
    [
        r.Id,
        r.Kind,
        r.Target,
        r.Expect,
        Observed(r),
        r.Pass ? "yes" : "NO",
        r.FailureKind is { } kind ? Enums.Name(kind) : "",
        r.Attempts.ToString(CultureInfo.InvariantCulture),
        r.DurationMs.ToString(CultureInfo.InvariantCulture),
        r.Detail ?? "",
    ];

    // The outcome word plus the one observation a person looks for first.
    private static string Observed(ProbeResult r)
    {
        var outcome = Enums.Name(r.Outcome);
        var o = r.Observed;
        var extra = o?.StatusCode is { } status ? status.ToString(CultureInfo.InvariantCulture)
            : o?.Answers is { Count: > 0 } answers ? string.Join(",", answers)
            : o?.Address;
        return extra is null ? outcome : $"{outcome} ({extra})";
    }
}
