using VpceProbe.Harness.Changes.Undo;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Run;

/// <summary>
/// Cleanup and rollback share this: undo the journal (keeping created resources when asked), describe the
/// VPC again, and compare it with the state recorded before the run. What is left, and what was kept, is said exactly.
/// </summary>
internal sealed class RunCleanup(UndoContext undo, VpcDiscoverer discoverer)
{
    public async Task<CleanupOutcome> RunAsync(string phase, bool keepCreated, CancellationToken cancellationToken)
    {
        var rollback = await new Rollback(undo).RunAsync(phase, keepCreated, cancellationToken).ConfigureAwait(false);
        var kept = KeptIds(undo.Journal);
        var (differences, after) = await DifferencesAsync(kept, cancellationToken).ConfigureAwait(false);
        var outcome = new CleanupOutcome(rollback, differences, Kept(undo.Journal)) { After = after };
        if (outcome.Complete)
        {
            undo.Journal.Append(new JournalEntry { Type = JournalEntryTypes.Verified, Phase = phase, Description = outcome.Summary });
        }

        return outcome;
    }

    // The check itself may fail (AWS unreachable, still throttling): then nothing is known to match, which is
    // incomplete (exit 4, resume with rollback), never an exception that skips the report.
    private async Task<(IReadOnlyList<string> Differences, VpcSnapshot? After)> DifferencesAsync(IReadOnlyCollection<string> kept, CancellationToken cancellationToken)
    {
        try
        {
            var after = await undo.Retry.RunAsync(
                $"describing {undo.Run.VpcId}",
                ct => discoverer.DescribeAsync(undo.Run.VpcId, ct),
                line => undo.Log.WriteLine(line),
                cancellationToken).ConfigureAwait(false);
            return (BaselineCheck.Differences(undo.Run.Baseline, after, kept), after);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var why = e is Amazon.Runtime.AmazonServiceException service ? Aws.AccessDenial.Describe(service) : e.Message;
            return ([$"could not check {undo.Run.VpcId} against the state before the run: {why}"], null);
        }
    }

    internal static List<string> KeptIds(RunJournal journal) =>
        [.. journal.Entries.Where(e => e.Type == JournalEntryTypes.Kept && e.ResourceId is not null).Select(e => e.ResourceId!).Distinct()];

    internal static List<string> Kept(RunJournal journal) =>
        [.. journal.Entries.Where(e => e.Type == JournalEntryTypes.Kept && e.ResourceId is not null)
            .GroupBy(e => e.ResourceId!).Select(g => $"{g.Key} ({g.First().ShownAction}), kept as the scenario asks (keep: true)")];
}

/// <param name="Kept">What cleanup with keep: true left in place on purpose, one line each.</param>
internal sealed record CleanupOutcome(RollbackResult Rollback, IReadOnlyList<string> Differences, IReadOnlyList<string> Kept)
{
    public static CleanupOutcome NothingToDo { get; } = new(new RollbackResult([], []), [], []);

    /// <summary>Cleanup already ran (the scenario's cleanup phase): what it kept still stands.</summary>
    public static CleanupOutcome Done(RunJournal journal) => new(new RollbackResult([], []), [], RunCleanup.Kept(journal));

    public bool Complete => Rollback.Complete && Differences.Count == 0;

    /// <summary>What the check found, without claiming a match while something was kept.</summary>
    public string Summary => Kept.Count == 0
        ? "routes and endpoints match the state before the run"
        : $"routes and endpoints match the state before the run except what was kept: {string.Join("; ", Kept)}";

    /// <summary>The VPC as described after the undo; null when there was nothing to clean up.</summary>
    public VpcSnapshot? After { get; init; }

    /// <summary>Null when complete; otherwise every line left, then the command that finishes the job.</summary>
    public string? LeftBehind(string finishCommand) => Complete
        ? null
        : string.Join(Environment.NewLine, [.. Rollback.Left, .. Differences, $"finish with: {finishCommand}"]);
}
