using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Changes.Undo;

/// <summary>
/// Deletes an endpoint this run created, and waits until it is gone. An intent without a done line
/// (killed mid-create) is resolved through the run-id tag the endpoint was created with.
/// </summary>
internal sealed class DeleteCreatedEndpoint : IUndoStep
{
    public string Action => ChangeActions.CreateEndpoint;

    public async Task<UndoResult> UndoAsync(JournalEntry intent, UndoContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids = context.Journal.ResourceOf(intent.Seq) is { } id
            ? [id]
            : await EndpointReader.TaggedAsync(context.Ec2, context.Run.VpcId, context.Run.RunId, intent.ServiceName!, cancellationToken).ConfigureAwait(false);
        var live = new List<string>();
        foreach (var endpointId in ids)
        {
            if (await EndpointReader.StateAsync(context.Ec2, endpointId, cancellationToken).ConfigureAwait(false) is not (EndpointStates.Deleted or EndpointStates.Deleting))
            {
                live.Add(endpointId);
            }
        }

        if (live.Count == 0)
        {
            return UndoResult.Restored($"endpoint for {intent.ServiceName} {string.Join(", ", ids)} already gone");
        }

        var response = await context.Ec2.DeleteVpcEndpointsAsync(new() { VpcEndpointIds = live }, cancellationToken).ConfigureAwait(false);
        var refused = (response.Unsuccessful ?? []).Where(u => u.Error?.Code != "InvalidVpcEndpoint.NotFound").ToList();
        if (refused.Count > 0)
        {
            return UndoResult.Left(string.Join("; ", refused.Select(u => $"{u.ResourceId}: {u.Error?.Code} {u.Error?.Message}")));
        }

        foreach (var endpointId in live)
        {
            await context.Waits.UntilAsync(
                $"{endpointId} to be deleted",
                ct => EndpointReader.StateAsync(context.Ec2, endpointId, ct),
                state => state == EndpointStates.Deleted,
                cancellationToken).ConfigureAwait(false);
        }

        return UndoResult.Restored($"deleted endpoint {string.Join(", ", live)} ({intent.ServiceName})");
    }
}
