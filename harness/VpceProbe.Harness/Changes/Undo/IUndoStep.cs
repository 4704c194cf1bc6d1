using Amazon.EC2;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Changes.Undo;

/// <summary>
/// Undoes one journaled change. Idempotent: what is already as it was (a route already back, an endpoint
/// already gone) counts as done, so rollback can run any number of times.
/// </summary>
internal interface IUndoStep
{
    /// <summary>The <see cref="ChangeActions"/> value it undoes.</summary>
    string Action { get; }

    Task<UndoResult> UndoAsync(JournalEntry intent, UndoContext context, CancellationToken cancellationToken);
}

/// <param name="Retry">How long each undo rides out throttling, 5xx and lost connections.</param>
/// <param name="Log">Where retries are said (the run's log, rollback's stderr).</param>
internal sealed record UndoContext(IAmazonEC2 Ec2, RunJournal Journal, ResourceWaits Waits, UndoRetry Retry, TextWriter Log)
{
    public RunHeader Run => Journal.Header;
}

/// <param name="Done">True when the VPC is as it was for this change.</param>
/// <param name="Description">What was done, or what is left and why.</param>
internal sealed record UndoResult(bool Done, string Description)
{
    public static UndoResult Restored(string description) => new(true, description);

    public static UndoResult Left(string description) => new(false, description);
}

/// <summary>The one list of undo steps, by action.</summary>
internal static class UndoSteps
{
    public static readonly IReadOnlyList<IUndoStep> All = [new RestoreRoute(), new DeleteCreatedEndpoint(), new DeleteCreatedSecurityGroup(), new RevertEndpointChange()];

    public static IUndoStep For(string? action) =>
        All.FirstOrDefault(s => s.Action == action) ?? throw new InvalidDataException($"the journal names an unknown action '{action}'");
}
