using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Compare;

/// <summary>
/// Compares this run's matrix with a saved one, cell by cell: a cell is its phase, probe and instance. An instance
/// id found on one side only (the instance was replaced) is matched with the one on the other side that has the
/// same subnet and Name tag, when exactly one does.
/// </summary>
internal static class MatrixComparer
{
    public static MatrixComparison Compare(SavedMatrix saved, RunResult current, string against)
    {
        var cells = current.Phases.SelectMany(p => p.Cells).ToList();
        var renamed = MatchReplaced(saved, current, cells);
        var before = new Dictionary<(string, string, string), MatrixCell>();
        foreach (var cell in saved.Cells)
        {
            before.TryAdd((cell.Phase, cell.ProbeId, renamed.GetValueOrDefault(cell.InstanceId, cell.InstanceId)), cell);
        }

        var compared = new List<CellComparison>();
        foreach (var cell in cells)
        {
            var key = (cell.Phase, cell.ProbeId, cell.InstanceId);
            before.Remove(key, out var old);
            var (b, a) = (old is null ? null : CellState.Of(old), CellState.Of(cell));
            compared.Add(new(CellComparison.Categorise(b, a), cell.Phase, cell.ProbeId, cell.InstanceId,
                old is not null && old.InstanceId != cell.InstanceId ? old.InstanceId : null, cell.Kind, cell.Target, b, a));
        }

        compared.AddRange(before.Values.Select(old =>
            new CellComparison(ComparisonCategory.Gone, old.Phase, old.ProbeId, old.InstanceId, null, old.Kind, old.Target, CellState.Of(old), null)));

        // Regressions first, then by phase order of appearance, probe and instance, so the file diffs cleanly.
        var ordered = compared
            .Select((c, index) => (c, index))
            .OrderBy(x => x.c.Category)
            .ThenBy(x => x.index)
            .Select(x => x.c)
            .ToList();
        return new MatrixComparison(against, saved.RunId, saved.StartedAt, ordered);
    }

    /// <summary>Saved instance id → current instance id, for instances replaced since (same subnet and Name tag, one candidate).</summary>
    private static Dictionary<string, string> MatchReplaced(SavedMatrix saved, RunResult current, List<MatrixCell> cells)
    {
        var nowIds = cells.Select(c => c.InstanceId).ToHashSet(StringComparer.Ordinal);
        var thenIds = saved.Cells.Select(c => c.InstanceId).ToHashSet(StringComparer.Ordinal);
        var currentOnly = (current.Instances ?? []).Where(i => !thenIds.Contains(i.InstanceId) && nowIds.Contains(i.InstanceId)).ToList();
        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var old in saved.Instances.Where(i => !nowIds.Contains(i.InstanceId) && thenIds.Contains(i.InstanceId)))
        {
            if (old.SubnetId is null || old.Name is null)
            {
                continue;
            }

            var candidates = currentOnly.Where(i => i.SubnetId == old.SubnetId && i.Name == old.Name && !matches.ContainsValue(i.InstanceId)).ToList();
            if (candidates.Count == 1)
            {
                matches[old.InstanceId] = candidates[0].InstanceId;
            }
        }

        return matches;
    }
}
