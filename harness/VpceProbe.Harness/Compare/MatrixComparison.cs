namespace VpceProbe.Harness.Compare;

/// <summary>This matrix against a saved one, every cell of both, regressions first.</summary>
/// <param name="Against">The saved file, as given.</param>
/// <param name="SavedRunId">The run id the saved file records.</param>
internal sealed record MatrixComparison(string Against, string SavedRunId, DateTimeOffset SavedAt, IReadOnlyList<CellComparison> Cells)
{
    public bool HasRegression => Cells.Any(c => c.Category == ComparisonCategory.Regression);

    public int Count(ComparisonCategory category) => Cells.Count(c => c.Category == category);

    /// <summary>"1 regression, 2 fixed, 0 changed, …": one line for a person.</summary>
    public string Summary() => string.Join(", ", Enum.GetValues<ComparisonCategory>().Select(c => $"{Count(c)} {Reports.Runs.ReportText.WireName(c)}"));
}
