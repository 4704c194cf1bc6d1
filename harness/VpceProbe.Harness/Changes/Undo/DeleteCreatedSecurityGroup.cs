using Amazon.EC2;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Changes.Undo;

/// <summary>
/// Deletes the endpoint security group this run created. It is undone after its endpoint (reverse order),
/// but AWS releases the endpoint's ENIs a while after the endpoint is gone: DependencyViolation is retried.
/// </summary>
internal sealed class DeleteCreatedSecurityGroup : IUndoStep
{
    public string Action => ChangeActions.CreateSecurityGroup;

    public async Task<UndoResult> UndoAsync(JournalEntry intent, UndoContext context, CancellationToken cancellationToken)
    {
        var groupId = context.Journal.ResourceOf(intent.Seq) ?? await FindByNameAsync(context, intent.GroupName!, cancellationToken).ConfigureAwait(false);
        if (groupId is null)
        {
            return UndoResult.Restored($"security group {intent.GroupName} was never created");
        }

        try
        {
            await context.Waits.RetryDependencyAsync(
                $"deleting {groupId}",
                ct => context.Ec2.DeleteSecurityGroupAsync(new() { GroupId = groupId }, ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidGroup.NotFound")
        {
            return UndoResult.Restored($"security group {groupId} already gone");
        }

        return UndoResult.Restored($"deleted security group {groupId} ({intent.GroupName})");
    }

    private static async Task<string?> FindByNameAsync(UndoContext context, string name, CancellationToken cancellationToken)
    {
        var response = await context.Ec2.DescribeSecurityGroupsAsync(
            new() { Filters = [new("vpc-id", [context.Run.VpcId]), new("group-name", [name])] }, cancellationToken).ConfigureAwait(false);
        return response.SecurityGroups?.FirstOrDefault()?.GroupId;
    }
}
