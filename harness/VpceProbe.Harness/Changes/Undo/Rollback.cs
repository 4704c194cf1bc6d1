using Amazon.Runtime;
using VpceProbe.Harness.Verdicts;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Changes.Undo;

/// <summary>
/// Undoes a run from its journal, newest change first. Each undone change is journaled, so a rollback that
/// is itself interrupted resumes where it stopped, and a second rollback finds nothing to do.
/// </summary>
internal sealed class Rollback(UndoContext context)
{
    /// <param name="keepCreated">cleanup with keep: endpoints and groups the run created stay (marked kept); NAT routes and adopted endpoints are restored regardless.</param>
    public async Task<RollbackResult> RunAsync(string phase, bool keepCreated, CancellationToken cancellationToken)
    {
        var records = new List<ChangeRecord>();
        var left = new List<string>();
        foreach (var intent in context.Journal.Outstanding())
        {
            var resource = context.Journal.ResourceOf(intent.Seq) ?? intent.ServiceName ?? intent.GroupName ?? "?";
            if (keepCreated && intent.Action is ChangeActions.CreateEndpoint or ChangeActions.CreateSecurityGroup)
            {
                context.Journal.Append(new JournalEntry { Type = JournalEntryTypes.Kept, Seq = intent.Seq, Phase = phase, Action = intent.Action, ScenarioAction = intent.ScenarioAction, ResourceId = resource });
                records.Add(new(phase, intent.ShownAction, resource, $"kept {resource} as the scenario asks", ChangeStatus.Kept));
                continue;
            }

            var result = await UndoOneAsync(intent, cancellationToken).ConfigureAwait(false);
            if (result.Done)
            {
                context.Journal.Append(new JournalEntry { Type = JournalEntryTypes.Undone, Seq = intent.Seq, Phase = phase, Action = intent.Action, ScenarioAction = intent.ScenarioAction, ResourceId = resource, Description = result.Description });
            }
            else
            {
                left.Add($"{intent.Description ?? intent.ShownAction} ({resource}): {result.Description}");
            }

            records.Add(new(phase, intent.ShownAction, resource, result.Description, result.Done ? ChangeStatus.RolledBack : ChangeStatus.Failed));
        }

        return new RollbackResult(records, left);
    }

    // Throttling, 5xx and lost connections are retried for the undo bound; then, or on any other error, this change is
    // left for a later `rollback` and the others still proceed. Only the caller's cancellation stops the loop.
    private async Task<UndoResult> UndoOneAsync(JournalEntry intent, CancellationToken cancellationToken)
    {
        var step = UndoSteps.For(intent.Action);
        try
        {
            return await context.Retry.RunAsync(
                intent.Description ?? intent.Action ?? "?",
                ct => step.UndoAsync(intent, context, ct),
                line => context.Log.WriteLine(line),
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            return UndoResult.Left($"AWS refused: {AccessDenial.Describe(e)}");
        }
        catch (UndoGaveUpException e)
        {
            return UndoResult.Left($"could not reach AWS, or it kept throttling: {e.Message}");
        }
        catch (WaitTimedOutException e)
        {
            return UndoResult.Left(e.Message);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException)
        {
            return UndoResult.Left($"could not reach AWS: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // An HTTP timeout inside the SDK, not the caller: the change is left for later like any connection error.
            return UndoResult.Left("the call to AWS timed out");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (an answer the SDK could not read, a bug): this change is left, the others are still undone.
            return UndoResult.Left($"could not undo ({e.GetType().Name}): {e.Message}");
        }
    }
}

/// <param name="Left">What could not be undone, one line each; empty when the rollback completed.</param>
internal sealed record RollbackResult(IReadOnlyList<ChangeRecord> Records, IReadOnlyList<string> Left)
{
    public bool Complete => Left.Count == 0;
}
