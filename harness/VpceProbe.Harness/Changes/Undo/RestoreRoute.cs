using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Changes.Undo;

/// <summary>Puts a removed NAT route back exactly: same table, destination and target.</summary>
internal sealed class RestoreRoute : IUndoStep
{
    public string Action => ChangeActions.RemoveRoute;

    public async Task<UndoResult> UndoAsync(JournalEntry intent, UndoContext context, CancellationToken cancellationToken)
    {
        var route = intent.Route ?? throw new InvalidDataException($"journal entry {intent.Seq} has no route to restore");
        var tables = await context.Ec2.DescribeRouteTablesAsync(new() { RouteTableIds = [route.RouteTableId] }, cancellationToken).ConfigureAwait(false);
        var current = tables.RouteTables?.FirstOrDefault()?.Routes?.FirstOrDefault(r => r.DestinationCidrBlock == route.DestinationCidr);
        if (current is not null)
        {
            return Same(current, route)
                ? UndoResult.Restored($"route {route.DestinationCidr} → {route.Target} in {route.RouteTableId} is already there")
                : UndoResult.Left($"{route.RouteTableId} now sends {route.DestinationCidr} to {current.NatGatewayId ?? current.InstanceId ?? current.NetworkInterfaceId ?? current.GatewayId}, not {route.Target}: someone else changed it; left alone");
        }

        try
        {
            await context.Ec2.CreateRouteAsync(
                new()
                {
                    RouteTableId = route.RouteTableId,
                    DestinationCidrBlock = route.DestinationCidr,
                    NatGatewayId = route.NatGatewayId,
                    InstanceId = route.InstanceId,
                    NetworkInterfaceId = route.NetworkInterfaceId,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "RouteAlreadyExists")
        {
            // Put back concurrently since the check above (another rollback of the same journal): the route is there,
            // taken as restored without looking at its target again.
        }

        return UndoResult.Restored($"restored route {route.DestinationCidr} → {route.Target} in {route.RouteTableId}");
    }

    private static bool Same(Route current, RouteToRestore route) =>
        current.NatGatewayId == route.NatGatewayId
        && (route.InstanceId is null || current.InstanceId == route.InstanceId)
        && (route.NetworkInterfaceId is null || current.NetworkInterfaceId == route.NetworkInterfaceId);
}
