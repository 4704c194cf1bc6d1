using VpceProbe.Contract;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Compare;

/// <summary>A cell as one matrix saw it: what was expected, what was observed, whether that met it.</summary>
internal sealed record CellState(string Expected, Outcome? Observed, FailureKind? FailureKind, bool Pass, string? Reason)
{
    public static CellState Of(MatrixCell cell) => new(cell.Expected, cell.Observed, cell.FailureKind, cell.Pass, cell.Reason);
}

/// <summary>
/// One cell compared: the phase and probe, the instance now (or before, for a gone cell), the instance it had
/// before when that was another one (matched by subnet and Name tag), and both states.
/// </summary>
internal sealed record CellComparison(
    ComparisonCategory Category, string Phase, string ProbeId, string InstanceId, string? SavedInstanceId, string Kind, string Target,
    CellState? Before, CellState? After)
{
    /// <summary>Decides the category from the two states; a missing state is new or gone.</summary>
    public static ComparisonCategory Categorise(CellState? before, CellState? after) => (before, after) switch
    {
        (null, null) => throw new ArgumentException("a compared cell needs at least one state"),
        (null, _) => ComparisonCategory.New,
        (_, null) => ComparisonCategory.Gone,
        ({ Pass: true }, { Pass: false }) => ComparisonCategory.Regression,
        ({ Pass: false }, { Pass: true }) => ComparisonCategory.Fixed,
        var (b, a) when b.Observed != a.Observed || b.FailureKind != a.FailureKind || b.Expected != a.Expected => ComparisonCategory.Changed,
        _ => ComparisonCategory.Unchanged,
    };
}
