using Amazon.Runtime;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Changes.Undo;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Journal;

/// <summary>
/// Undoes a run from its journal, newest change first. Each undone change is journaled, so a rollback that
/// is itself interrupted resumes where it stopped, and a second rollback finds nothing to do.
/// </summary>
public sealed class Rollback(UndoContext context)
{
    /// <param name="keepCreated">cleanup with keep: endpoints and groups the run created stay (marked kept); NAT routes are restored regardless.</param>
    public async Task<RollbackResult> RunAsync(string phase, bool keepCreated, CancellationToken cancellationToken)
    {
        var records = new List<ChangeRecord>();
        var left = new List<string>();
        foreach (var intent in context.Journal.Outstanding())
        {
            var resource = context.Journal.ResourceOf(intent.Seq) ?? intent.ServiceName ?? intent.GroupName ?? "?";
            if (keepCreated && intent.Action != ChangeActions.RemoveRoute)
            {
                context.Journal.Append(new JournalEntry { Type = JournalEntryTypes.Kept, Seq = intent.Seq, Phase = phase, Action = intent.Action, ResourceId = resource });
                records.Add(new(phase, intent.Action!, resource, $"kept {resource} as the scenario asks", ChangeStatus.Kept));
                continue;
            }

            var result = await UndoOneAsync(intent, cancellationToken).ConfigureAwait(false);
            if (result.Done)
            {
                context.Journal.Append(new JournalEntry { Type = JournalEntryTypes.Undone, Seq = intent.Seq, Phase = phase, Action = intent.Action, ResourceId = resource, Description = result.Description });
            }
            else
            {
                left.Add($"{intent.Description ?? intent.Action} ({resource}): {result.Description}");
            }

            records.Add(new(phase, intent.Action!, resource, result.Description, result.Done ? ChangeStatus.RolledBack : ChangeStatus.Failed));
        }

        return new RollbackResult(records, left);
    }

    // An AWS error or our own wait bound leaves this change for a later `rollback`; the others still proceed.
    private async Task<UndoResult> UndoOneAsync(JournalEntry intent, CancellationToken cancellationToken)
    {
        try
        {
            return await UndoSteps.For(intent.Action).UndoAsync(intent, context, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            return UndoResult.Left($"AWS refused: {e.ErrorCode} {e.Message}");
        }
        catch (WaitTimedOutException e)
        {
            return UndoResult.Left(e.Message);
        }
    }
}

/// <param name="Left">What could not be undone, one line each; empty when the rollback completed.</param>
public sealed record RollbackResult(IReadOnlyList<ChangeRecord> Records, IReadOnlyList<string> Left)
{
    public bool Complete => Left.Count == 0;
}
