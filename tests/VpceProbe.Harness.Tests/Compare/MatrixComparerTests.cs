using VpceProbe.Contract;
using VpceProbe.Harness.Compare;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Compare;

public class MatrixComparerTests
{
    [Fact]
    public void every_category_is_told_apart_and_regressions_come_first()
    {
        var saved = Saved(
            Cell("same", "i-1", "reachable", Outcome.Reachable, true),
            Cell("broke", "i-1", "allowed", Outcome.Allowed, true),
            Cell("mended", "i-1", "private", Outcome.Public, false),
            Cell("moved", "i-1", "reachable", Outcome.Reachable, true),
            Cell("gone", "i-1", "allowed", Outcome.Allowed, true));
        var now = Run(
            Cell("same", "i-1", "reachable", Outcome.Reachable, true),
            Cell("mended", "i-1", "private", Outcome.Private, true),
            Cell("moved", "i-1", "unreachable", Outcome.Unreachable, true),
            Cell("broke", "i-1", "allowed", Outcome.Unreachable, false, FailureKind.Timeout),
            Cell("fresh", "i-1", "private", Outcome.Private, true));

        var comparison = MatrixComparer.Compare(saved, now, "before.json");

        Assert.Equal(
            [("broke", ComparisonCategory.Regression), ("mended", ComparisonCategory.Fixed), ("moved", ComparisonCategory.Changed),
             ("fresh", ComparisonCategory.New), ("gone", ComparisonCategory.Gone), ("same", ComparisonCategory.Unchanged)],
            comparison.Cells.Select(c => (c.ProbeId, c.Category)));
        Assert.True(comparison.HasRegression);
        var broke = comparison.Cells[0];
        Assert.Equal((Outcome.Allowed, Outcome.Unreachable, FailureKind.Timeout), (broke.Before!.Observed, broke.After!.Observed, broke.After.FailureKind));
        Assert.Null(comparison.Cells.Single(c => c.Category == ComparisonCategory.Gone).After);
        Assert.Null(comparison.Cells.Single(c => c.Category == ComparisonCategory.New).Before);
    }

    [Fact]
    public void a_failure_that_fails_differently_is_changed_and_the_same_failure_is_unchanged()
    {
        var saved = Saved(Cell("a", "i-1", "reachable", Outcome.Unreachable, false, FailureKind.Timeout), Cell("b", "i-1", "reachable", Outcome.Unreachable, false, FailureKind.Timeout));
        var now = Run(Cell("a", "i-1", "reachable", Outcome.Unreachable, false, FailureKind.Refused), Cell("b", "i-1", "reachable", Outcome.Unreachable, false, FailureKind.Timeout));

        var comparison = MatrixComparer.Compare(saved, now, "f");

        Assert.Equal([ComparisonCategory.Changed, ComparisonCategory.Unchanged], comparison.Cells.Select(c => c.Category));
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void a_replaced_instance_is_matched_by_subnet_and_name_tag()
    {
        var saved = Saved(Cell("p", "i-old", "reachable", Outcome.Reachable, true)) with { Instances = [new("i-old", "subnet-a", "app")] };
        var now = Run(Cell("p", "i-new", "reachable", Outcome.Unreachable, false)) with { Instances = [new("i-new", "subnet-a", "app")] };

        var cell = Assert.Single(MatrixComparer.Compare(saved, now, "f").Cells);

        Assert.Equal((ComparisonCategory.Regression, "i-new", "i-old"), (cell.Category, cell.InstanceId, cell.SavedInstanceId));
    }

    [Theory]
    [InlineData("subnet-b", "app")]
    [InlineData("subnet-a", "web")]
    [InlineData(null, null)]
    public void an_instance_in_another_subnet_or_with_another_name_is_another_instance(string? subnet, string? name)
    {
        var saved = Saved(Cell("p", "i-old", "reachable", Outcome.Reachable, true)) with { Instances = [new("i-old", "subnet-a", "app")] };
        var now = Run(Cell("p", "i-new", "reachable", Outcome.Reachable, true)) with { Instances = [new("i-new", subnet, name)] };

        var comparison = MatrixComparer.Compare(saved, now, "f");

        Assert.Equal([ComparisonCategory.New, ComparisonCategory.Gone], comparison.Cells.Select(c => c.Category));
    }

    [Fact]
    public void two_candidates_with_the_same_subnet_and_name_match_neither()
    {
        var saved = Saved(Cell("p", "i-old", "reachable", Outcome.Reachable, true)) with { Instances = [new("i-old", "subnet-a", "app")] };
        var now = Run(Cell("p", "i-n1", "reachable", Outcome.Reachable, true), Cell("p", "i-n2", "reachable", Outcome.Reachable, true))
            with { Instances = [new("i-n1", "subnet-a", "app"), new("i-n2", "subnet-a", "app")] };

        Assert.DoesNotContain(MatrixComparer.Compare(saved, now, "f").Cells, c => c.SavedInstanceId is not null);
    }

    [Fact]
    public void cells_of_different_phases_are_different_cells()
    {
        var saved = Saved(Cell("p", "i-1", "reachable", Outcome.Reachable, true, phase: "baseline"));
        var now = Run(Cell("p", "i-1", "reachable", Outcome.Reachable, true, phase: "after"));

        Assert.Equal([ComparisonCategory.New, ComparisonCategory.Gone], MatrixComparer.Compare(saved, now, "f").Cells.Select(c => c.Category));
    }

    internal static MatrixCell Cell(string probe, string instance, string expected, Outcome observed, bool pass, FailureKind? kind = null, string phase = "accept") =>
        new(phase, probe, instance, "tcp", "target", expected, observed, kind, pass, null, 1);

    internal static SavedMatrix Saved(params MatrixCell[] cells) => new("saved-run", DateTimeOffset.UnixEpoch, cells, []);

    internal static RunResult Run(params MatrixCell[] cells) => new()
    {
        RunId = "now",
        Scenario = "accept",
        VpcId = "vpc-1",
        Phases = [.. cells.GroupBy(c => c.Phase).Select(g => new PhaseResult(g.Key, [], [.. g], []))],
    };
}
