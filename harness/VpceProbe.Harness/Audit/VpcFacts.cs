using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit;

/// <summary>Questions several rules ask of a snapshot, answered one way for all of them.</summary>
internal static class VpcFacts
{
    /// <summary>The services whose gateway endpoints keep traffic off the NAT gateway for free.</summary>
    public static readonly IReadOnlyList<string> GatewayServices = ["s3", "dynamodb"];

    /// <summary>Subnets whose route table has no default route to an internet gateway.</summary>
    public static IEnumerable<SubnetInfo> PrivateSubnets(this VpcSnapshot vpc) => vpc.Subnets.Where(s => !s.IsPublic);

    public static RouteTableInfo? RouteTable(this VpcSnapshot vpc, string routeTableId) => vpc.RouteTables.FirstOrDefault(t => t.Id == routeTableId);

    /// <summary>The table sends the IPv4 default route to a NAT gateway, a NAT instance or its ENI.</summary>
    public static bool HasNatRoute(this RouteTableInfo? table) =>
        table is not null && table.Routes.Any(DefaultRoutes.IsNat);

    /// <summary>The table has some IPv4 default route out of the VPC other than an internet gateway (NAT, or a transit gateway that may lead to one).</summary>
    public static bool HasPrivateEgress(this RouteTableInfo? table) =>
        table.HasNatRoute() || (table is not null && table.Routes.Any(r => r.DestinationCidr == "0.0.0.0/0" && r.TargetKind == RouteTargetKind.TransitGateway));

    /// <summary>Endpoints that stand in the VPC (<see cref="EndpointStates.IsLive(string?)"/>).</summary>
    public static IEnumerable<EndpointInfo> LiveEndpoints(this VpcSnapshot vpc) =>
        vpc.Endpoints.Where(EndpointStates.IsLive);

    public static IEnumerable<EndpointInfo> InterfaceEndpoints(this VpcSnapshot vpc) =>
        vpc.LiveEndpoints().Where(e => e.Type == EndpointType.Interface);

    public static IEnumerable<EndpointInfo> GatewayEndpoints(this VpcSnapshot vpc, string service) =>
        vpc.LiveEndpoints().Where(e => e.Type == EndpointType.Gateway && e.ShortService == service);

    /// <summary>The network ACL a subnet uses: its explicit association, else the VPC's default ACL.</summary>
    public static NetworkAclInfo? NetworkAclOf(this VpcSnapshot vpc, string subnetId) =>
        vpc.NetworkAcls.FirstOrDefault(a => a.SubnetIds.Contains(subnetId)) ?? vpc.NetworkAcls.FirstOrDefault(a => a.IsDefault);

    public static SubnetInfo? Subnet(this VpcSnapshot vpc, string subnetId) => vpc.Subnets.FirstOrDefault(s => s.Id == subnetId);
}
