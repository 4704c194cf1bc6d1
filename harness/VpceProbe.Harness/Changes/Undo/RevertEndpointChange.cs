using Amazon.EC2;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Changes.Undo;

/// <summary>
/// Gives an adopted endpoint back as it was: removes the route tables and subnets the run added, and puts its own
/// policy back (ResetPolicy when it had none recorded: AWS then restores the default full-access policy). Idempotent:
/// removing what is not there, or setting the policy it already has, changes nothing; a vanished endpoint is done.
/// </summary>
internal sealed class RevertEndpointChange : IUndoStep
{
    public string Action => ChangeActions.ModifyEndpoint;

    public async Task<UndoResult> UndoAsync(JournalEntry intent, UndoContext context, CancellationToken cancellationToken)
    {
        var change = intent.EndpointChange ?? throw new InvalidDataException($"journal entry {intent.Seq} has no endpoint change to revert");
        if (await EndpointReader.StateAsync(context.Ec2, change.EndpointId, cancellationToken).ConfigureAwait(false) is EndpointStates.Deleted or EndpointStates.Deleting)
        {
            return UndoResult.Restored($"endpoint {change.EndpointId} is gone: nothing to revert");
        }

        try
        {
            await context.Ec2.ModifyVpcEndpointAsync(
                new()
                {
                    VpcEndpointId = change.EndpointId,
                    RemoveRouteTableIds = change.AddedRouteTableIds.Count > 0 ? [.. change.AddedRouteTableIds] : null,
                    RemoveSubnetIds = change.AddedSubnetIds.Count > 0 ? [.. change.AddedSubnetIds] : null,
                    PolicyDocument = change.PolicyReplaced ? change.PreviousPolicy : null,
                    ResetPolicy = change.PolicyReplaced && change.PreviousPolicy is null ? true : null,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode is "InvalidRouteTableId.NotFound" or "InvalidSubnetId.NotFound")
        {
            // Already removed (a rollback interrupted after this call): the state check below is what counts.
        }

        await EndpointReader.WaitAvailableAsync(context.Ec2, context.Waits, change.EndpointId, cancellationToken).ConfigureAwait(false);
        var undone = new List<string>();
        if (change.AddedRouteTableIds.Count > 0)
        {
            undone.Add($"removed route table(s) {string.Join(", ", change.AddedRouteTableIds)}");
        }

        if (change.AddedSubnetIds.Count > 0)
        {
            undone.Add($"removed subnet(s) {string.Join(", ", change.AddedSubnetIds)}");
        }

        if (change.PolicyReplaced)
        {
            undone.Add("restored its own policy");
        }

        return UndoResult.Restored($"adopted endpoint {change.EndpointId}: {string.Join("; ", undone)}");
    }
}
