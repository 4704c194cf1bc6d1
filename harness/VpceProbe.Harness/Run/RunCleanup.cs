using VpceProbe.Harness.Changes.Undo;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Run;

/// <summary>
/// Cleanup and rollback share this: undo the journal (keeping created resources when asked), describe the
/// VPC again, and compare it with the state recorded before the run. What is left is said exactly.
/// </summary>
public sealed class RunCleanup(UndoContext undo, VpcDiscoverer discoverer)
{
    public async Task<CleanupOutcome> RunAsync(string phase, bool keepCreated, CancellationToken cancellationToken)
    {
        var rollback = await new Rollback(undo).RunAsync(phase, keepCreated, cancellationToken).ConfigureAwait(false);
        var kept = undo.Journal.Entries.Where(e => e.Type == JournalEntryTypes.Kept && e.ResourceId is not null).Select(e => e.ResourceId!).ToList();
        var after = await discoverer.DescribeAsync(undo.Run.VpcId, cancellationToken).ConfigureAwait(false);
        var differences = BaselineCheck.Differences(undo.Run.Baseline, after, kept);
        if (rollback.Complete && differences.Count == 0)
        {
            undo.Journal.Append(new JournalEntry { Type = JournalEntryTypes.Verified, Phase = phase, Description = "routes and endpoints match the state before the run" });
        }

        return new CleanupOutcome(rollback, differences) { After = after };
    }
}

public sealed record CleanupOutcome(RollbackResult Rollback, IReadOnlyList<string> Differences)
{
    public bool Complete => Rollback.Complete && Differences.Count == 0;

    /// <summary>The VPC as described after the undo; null when there was nothing to clean up.</summary>
    public VpcSnapshot? After { get; init; }

    /// <summary>Null when complete; otherwise every line left, then the command that finishes the job.</summary>
    public string? LeftBehind(string finishCommand) => Complete
        ? null
        : string.Join(Environment.NewLine, [.. Rollback.Left, .. Differences, $"finish with: {finishCommand}"]);
}
