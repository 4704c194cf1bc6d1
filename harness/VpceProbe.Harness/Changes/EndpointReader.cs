using Amazon.EC2;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Changes;

/// <summary>Reads one endpoint's state for the waits; a vanished endpoint reads as "deleted" (AWS forgets them).</summary>
internal static class EndpointReader
{
    public static async ValueTask<string> StateAsync(IAmazonEC2 ec2, string endpointId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await ec2.DescribeVpcEndpointsAsync(new() { VpcEndpointIds = [endpointId] }, cancellationToken).ConfigureAwait(false);
            return response.VpcEndpoints?.FirstOrDefault()?.State?.Value?.ToLowerInvariant() ?? EndpointStates.Deleted;
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidVpcEndpointId.NotFound")
        {
            return EndpointStates.Deleted;
        }
    }

    /// <summary>Endpoints this run tagged for a service: how rollback finds one created just before a crash, before its id was journaled.</summary>
    public static async Task<IReadOnlyList<string>> TaggedAsync(
        IAmazonEC2 ec2, string vpcId, string runId, string serviceName, CancellationToken cancellationToken)
    {
        var response = await ec2.DescribeVpcEndpointsAsync(
            new()
            {
                Filters = [new("vpc-id", [vpcId]), new("service-name", [serviceName]), new($"tag:{ChangeContext.RunIdTag}", [runId])],
            },
            cancellationToken).ConfigureAwait(false);
        return [.. (response.VpcEndpoints ?? []).Where(e => !EndpointStates.IsGone(e.State?.Value?.ToLowerInvariant())).Select(e => e.VpcEndpointId)];
    }

    public static Task<string> WaitAvailableAsync(ChangeContext context, string endpointId, CancellationToken cancellationToken) =>
        WaitAvailableAsync(context.Ec2, context.Waits, endpointId, cancellationToken);

    public static Task<string> WaitAvailableAsync(IAmazonEC2 ec2, ResourceWaits waits, string endpointId, CancellationToken cancellationToken) =>
        waits.UntilAsync(
            $"{endpointId} to become available",
            ct => StateAsync(ec2, endpointId, ct),
            state => state is EndpointStates.Available or EndpointStates.Failed or EndpointStates.Rejected or EndpointStates.Deleted or EndpointStates.Expired,
            cancellationToken);
}
