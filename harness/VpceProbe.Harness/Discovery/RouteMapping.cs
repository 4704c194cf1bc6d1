using Amazon.EC2.Model;

namespace VpceProbe.Harness.Discovery;

/// <summary>Route tables, their routes, and which table each subnet really uses.</summary>
internal static class RouteMapping
{
    public static RouteTableInfo ToRouteTable(RouteTable table)
    {
        var associations = table.Associations ?? [];
        return new RouteTableInfo(
            table.RouteTableId,
            associations.Any(a => a.Main == true),
            associations.Where(a => a.SubnetId is not null).Select(a => a.SubnetId).ToList(),
            (table.Routes ?? []).Select(ToRoute).ToList(),
            ResourceMapping.Tags(table.Tags));
    }

    /// <summary>
    /// A subnet without an explicit association uses the VPC's main route table
    /// (https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#RouteTableDetails).
    /// </summary>
    public static SubnetInfo ToSubnet(Subnet subnet, IReadOnlyList<RouteTableInfo> tables)
    {
        var explicitTable = tables.FirstOrDefault(t => t.SubnetIds.Contains(subnet.SubnetId));
        var table = explicitTable ?? tables.FirstOrDefault(t => t.IsMain);
        return new SubnetInfo(
            subnet.SubnetId,
            subnet.CidrBlock,
            subnet.AvailabilityZone,
            table?.Id ?? "",
            explicitTable is not null,
            table is not null && IsPublic(table),
            ResourceMapping.Tags(subnet.Tags))
        {
            AvailabilityZoneId = subnet.AvailabilityZoneId,
        };
    }

    /// <summary>A public subnet's table sends the IPv4 default route to an internet gateway.</summary>
    public static bool IsPublic(RouteTableInfo table) =>
        table.Routes.Any(r => r.DestinationCidr == "0.0.0.0/0" && r.TargetKind == RouteTargetKind.InternetGateway);

    public static RouteInfo ToRoute(Route route) => new(
        route.DestinationCidrBlock,
        route.DestinationIpv6CidrBlock,
        route.DestinationPrefixListId,
        TargetKind(route),
        TargetId(route),
        route.Origin?.Value,
        route.State?.Value);

    // A route to a NAT instance names both the instance and its ENI: the instance is what a person recognises.
    // GatewayId carries several kinds, told apart by the id's prefix (igw-, vgw-, vpce-, "local").
    private static RouteTargetKind TargetKind(Route route) => route switch
    {
        { NatGatewayId: not null } => RouteTargetKind.NatGateway,
        { InstanceId: not null } => RouteTargetKind.Instance,
        { NetworkInterfaceId: not null } => RouteTargetKind.NetworkInterface,
        { EgressOnlyInternetGatewayId: not null } => RouteTargetKind.EgressOnlyInternetGateway,
        { TransitGatewayId: not null } => RouteTargetKind.TransitGateway,
        { VpcPeeringConnectionId: not null } => RouteTargetKind.VpcPeering,
        { GatewayId: "local" } => RouteTargetKind.Local,
        { GatewayId: { } g } when g.StartsWith("igw-", StringComparison.Ordinal) => RouteTargetKind.InternetGateway,
        { GatewayId: { } g } when g.StartsWith("vpce-", StringComparison.Ordinal) => RouteTargetKind.VpcEndpoint,
        { GatewayId: { } g } when g.StartsWith("vgw-", StringComparison.Ordinal) => RouteTargetKind.VirtualPrivateGateway,
        { LocalGatewayId: not null } => RouteTargetKind.LocalGateway,
        { CarrierGatewayId: not null } => RouteTargetKind.CarrierGateway,
        { CoreNetworkArn: not null } => RouteTargetKind.CoreNetwork,
        _ => RouteTargetKind.Other,
    };

    private static string? TargetId(Route route) =>
        route.NatGatewayId ?? route.InstanceId ?? route.NetworkInterfaceId ?? route.EgressOnlyInternetGatewayId
        ?? route.TransitGatewayId ?? route.VpcPeeringConnectionId ?? route.GatewayId ?? route.LocalGatewayId ?? route.CarrierGatewayId
        ?? route.CoreNetworkArn;
}
