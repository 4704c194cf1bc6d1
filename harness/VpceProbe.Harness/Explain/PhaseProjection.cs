using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// The VPC as a phase's actions would leave it, for the dry run's predicted matrix: the NAT routes the run would
/// delete are gone, a planned endpoint is there as created (available, in the subnets and on the tables the change
/// would use, with the security group it would make). Ids of what does not exist yet read "planned-…". A gateway
/// endpoint's prefix-list ranges are unknown until AWS makes the route, so its route is taken as matching the service.
/// </summary>
internal static class PhaseProjection
{
    public static VpcSnapshot Apply(ChangeContext context, ActionDefinition action)
    {
        var vpc = context.Vpc;
        return action.Type switch
        {
            ActionTypes.RemoveNatRoutes => RemoveNatRoutes(vpc, context),
            ActionTypes.CreateGatewayEndpoint when action.Service is { } service && context.ExistingEndpoint(context.ServiceName(service)) is null =>
                Gateway(vpc, context, service, action.Policy),
            ActionTypes.CreateInterfaceEndpoint when action.Service is { } service && context.ExistingEndpoint(context.ServiceName(service)) is null =>
                Interface(vpc, context, service, action),
            _ => vpc,
        };
    }

    private static VpcSnapshot RemoveNatRoutes(VpcSnapshot vpc, ChangeContext context)
    {
        var removed = Changes.RemoveNatRoutes.NatRoutes(context).ToList();
        return vpc with
        {
            RouteTables = [.. vpc.RouteTables.Select(t => t with
            {
                Routes = [.. t.Routes.Where(r => !removed.Any(x => x.RouteTableId == t.Id && x.DestinationCidr == r.DestinationCidr))],
            })],
        };
    }

    private static VpcSnapshot Gateway(VpcSnapshot vpc, ChangeContext context, string service, string? policy)
    {
        var id = $"vpce-planned-{service}";
        var list = $"pl-planned-{service}";
        var tables = context.TargetRouteTables().Select(t => t.Id).ToList();
        var route = new RouteInfo(null, null, list, RouteTargetKind.VpcEndpoint, id, "CreateRoute", "active");
        return vpc with
        {
            Endpoints = [.. vpc.Endpoints, new EndpointInfo
            {
                Id = id, ServiceName = context.ServiceName(service), Type = EndpointType.Gateway, State = "available", RouteTableIds = tables, PolicyDocument = policy,
            }],
            RouteTables = [.. vpc.RouteTables.Select(t => tables.Contains(t.Id) ? t with { Routes = [.. t.Routes, route] } : t)],
        };
    }

    private static VpcSnapshot Interface(VpcSnapshot vpc, ChangeContext context, string service, ActionDefinition action)
    {
        var group = new SecurityGroupInfo($"sg-planned-{service}", $"planned-{service}",
            [new SecurityGroupRule("tcp", 443, 443, [.. vpc.Cidrs], [], [], [])], []);
        return vpc with
        {
            Endpoints = [.. vpc.Endpoints, new EndpointInfo
            {
                Id = $"vpce-planned-{service}", ServiceName = context.ServiceName(service), Type = EndpointType.Interface, State = "available",
                PrivateDnsEnabled = action.PrivateDns, SubnetIds = context.OneSubnetPerTargetZone(), SecurityGroupIds = [group.Id], PolicyDocument = action.Policy,
            }],
            SecurityGroups = [.. vpc.SecurityGroups, group],
        };
    }
}
