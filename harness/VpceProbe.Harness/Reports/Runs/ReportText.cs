using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports.Runs;

/// <summary>
/// The words every report format uses for outcomes, kinds and verdicts, so the console, Markdown and JUnit
/// say "no_answer" and "dns_timeout" exactly as the agent's JSON does.
/// </summary>
internal static class ReportText
{
    public const string NoReport = "no report";

    public static string Observed(MatrixCell cell) => cell.Observed is { } o ? WireName(o) : NoReport;

    public static string Kind(MatrixCell cell) => cell.FailureKind is { } k ? WireName(k) : "";

    public static string Verdict(bool pass) => pass ? "pass" : "FAIL";

    /// <summary>The one line every format puts first when the run did not end with a verdict on every check; null otherwise.</summary>
    public static string? ErrorLine(RunResult result) => result.Error is { } e
        ? $"RUN ERROR ({WireName(e.Kind)}): {e.Message}"
            + (result.Kept is { Count: > 0 } kept ? $"; kept on purpose: {string.Join(", ", kept)}" : "")
        : result.Kept is { Count: > 0 } k ? $"KEPT (keep: true): {string.Join("; ", k)}" : null;

    public static string Status(AgentRunStatus status) => WireName(status);

    /// <summary>One line for a failed cell: "expected reachable, observed unreachable (timeout)".</summary>
    public static string Mismatch(MatrixCell cell)
    {
        var kind = cell.FailureKind is { } k ? $" ({WireName(k)})" : "";
        return $"expected {cell.Expected}, observed {Observed(cell)}{kind}";
    }

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Seconds(long milliseconds) => Seconds(TimeSpan.FromMilliseconds(milliseconds));

    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The agent runs of a phase that brought back no usable report (they explain empty or error cells).</summary>
    public static IEnumerable<AgentRun> Troubled(PhaseResult phase) => phase.Runs.Where(r => r.Status != AgentRunStatus.Completed);

    /// <summary>The JSON name of an enum member ([JsonStringEnumMemberName]) or its snake_case form.</summary>
    public static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var attribute = typeof(TEnum).GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>();
        return attribute?.Name ?? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
    }
}
