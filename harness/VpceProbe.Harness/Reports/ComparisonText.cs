using VpceProbe.Harness.Compare;
using VpceProbe.Harness.Reports.Runs;

namespace VpceProbe.Harness.Reports;

/// <summary>The words every report format uses for a comparison with a saved matrix.</summary>
internal static class ComparisonText
{
    public const string Absent = "absent";

    /// <summary>"unreachable (timeout), expected reachable: not met".</summary>
    public static string State(CellState? state)
    {
        if (state is null)
        {
            return Absent;
        }

        var observed = state.Observed is { } o ? ReportText.WireName(o) : ReportText.NoReport;
        var kind = state.FailureKind is { } k ? $" ({ReportText.WireName(k)})" : "";
        return $"{observed}{kind}, expected {state.Expected}: {(state.Pass ? "met" : "not met")}";
    }

    public static string Category(ComparisonCategory category) => ReportText.WireName(category);

    /// <summary>"probe@instance", with "(was i-old)" when the instance was matched by subnet and Name tag.</summary>
    public static string Cell(CellComparison c) =>
        c.SavedInstanceId is { } old ? $"{c.ProbeId}@{c.InstanceId} (was {old})" : $"{c.ProbeId}@{c.InstanceId}";

    /// <summary>The cells worth a line: everything but the unchanged ones, regressions first.</summary>
    public static IEnumerable<CellComparison> Notable(MatrixComparison comparison) =>
        comparison.Cells.Where(c => c.Category != ComparisonCategory.Unchanged);
}
