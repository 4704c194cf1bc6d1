using System.Text.Json;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// Cells predicted and predicted wrongly over `accept` runs in the lab, and the seeded faults explained with the right
/// resource (DiagnosisLabTests, CleanTopologyPredictionLabTests).
/// </summary>
internal sealed class PredictionTally
{
    public int Predicted { get; private set; }

    /// <summary>bench/diagnosis.sh names a file to read the figures from (a passing test's output is not printed).</summary>
    public static async Task ReportAsync(IEnumerable<string> lines)
    {
        var text = string.Join('\n', lines);
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        if (Environment.GetEnvironmentVariable("VPCEPROBE_DIAGNOSIS_FILE") is { Length: > 0 } file)
        {
            await File.AppendAllTextAsync(file, text + "\n", CancellationToken.None);
        }
    }

    public List<string> Wrong { get; } = [];

    public List<string> Explained { get; } = [];

    public void Count(string step, AcceptOutcome outcome, string? hostFact)
    {
        foreach (var cell in outcome.Cells.Where(c => Said(c) is not null && c.TryGetProperty("observed", out _)))
        {
            Predicted++;
            var saw = cell.GetProperty("observed").GetString();
            if (Said(cell) != saw && !(hostFact is not null && Names(Cause(cell), "NOT_EXPLAINED_BY_VPC", null, hostFact)))
            {
                Wrong.Add($"{step}: {cell.GetProperty("probeId").GetString()} predicted {Said(cell)}, observed {saw}; {Text(Cause(cell))}");
            }
        }
    }

    public void Judge(SeededFault fault, JsonElement cell)
    {
        var seen = cell.GetProperty("observed").GetString();
        var cause = Cause(cell);
        if (seen == fault.Observed && Names(cause, fault.Code, fault.Resource(), fault.HostFact))
        {
            Explained.Add($"{fault.Name} ({fault.Probe} {seen}: {Text(cause)})");
            return;
        }

        var path = cell.GetProperty("prediction").GetProperty("path").EnumerateArray().Select(s => s.GetProperty("detail").GetString());
        Wrong.Add($"{fault.Name}: {fault.Probe} observed {seen} (AWS: {fault.Observed}), cause {Text(cause)} (wanted {fault.Code} {fault.Resource()}); path {string.Join(" | ", path)}");
    }

    private static string? Said(JsonElement cell) =>
        cell.TryGetProperty("prediction", out var p) && p.TryGetProperty("outcome", out var o) ? o.GetString() : null;

    // The cell's own cause when it has one (a failed or unexpected cell), else the prediction's deciding step.
    private static JsonElement? Cause(JsonElement cell) =>
        cell.TryGetProperty("cause", out var own) ? own
        : cell.TryGetProperty("prediction", out var p) && p.TryGetProperty("cause", out var deciding) ? deciding
        : null;

    private static bool Names(JsonElement? cause, string code, string? resource, string? fact) =>
        cause is { } c && c.GetProperty("code").GetString() == code
        && (resource is null || c.GetProperty("resource").GetString() == resource)
        && (fact is null || c.GetProperty("detail").GetString()!.Contains(fact, StringComparison.Ordinal));

    private static string Text(JsonElement? cause) =>
        cause is { } c ? $"{c.GetProperty("code").GetString()} {c.GetProperty("resource").GetString()}: {c.GetProperty("detail").GetString()}" : "none";
}
