using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Twin;

/// <summary>
/// Route tables and their routes. A topology routes to an internet gateway, a NAT gateway or a NAT instance; the
/// implicit local route and a gateway endpoint's prefix-list route come with the VPC and the endpoint. Every other
/// route (peering, transit gateway, VPN, an ENI, IPv6…) is reported as left out, with its kind.
/// </summary>
internal static class RouteTwin
{
    public static void NameTables(TwinScope scope)
    {
        foreach (var table in scope.Snapshot.RouteTables)
        {
            var firstSubnet = scope.Snapshot.Subnets.FirstOrDefault(s => table.SubnetIds.Contains(s.Id));
            var fallback = table.IsMain ? "main-rt"
                : firstSubnet?.Tags.GetValueOrDefault("Name") is { Length: > 0 } subnetName ? $"{subnetName}-rt" : "rt";
            scope.RouteTables.Assign(table.Id, table.Tags, fallback);
        }
    }

    /// <summary>The instances that routes send to: the twin makes them NAT instances.</summary>
    public static IReadOnlySet<string> NatInstanceIds(SnapshotDocument snapshot) =>
        snapshot.RouteTables.SelectMany(t => t.Routes).Where(r => r.TargetKind == "instance" && r.TargetId is not null)
            .Select(r => r.TargetId!).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<RouteTableSpec> Tables(TwinScope scope) =>
        [.. scope.Snapshot.RouteTables.Select(table => new RouteTableSpec
        {
            Name = scope.RouteTables.Of(table.Id)!,
            Main = table.IsMain,
            Routes = [.. table.Routes.Select(r => Route(scope, table, r)).OfType<RouteSpec>()],
            SourceId = table.Id,
            Tags = scope.Tags(table.Id, table.Tags),
        })];

    private static RouteSpec? Route(TwinScope scope, SnapshotRouteTable table, SnapshotRoute route)
    {
        var what = $"route {route.Destination} → {route.TargetKind} {route.TargetId}".TrimEnd();
        if (route.TargetKind == "local" || (route.TargetKind == "vpcEndpoint" && route.DestinationPrefixListId is not null))
        {
            return null; // the VPC's own route, or the gateway endpoint's: the twin makes them with the VPC and the endpoint
        }

        if (route.DestinationCidr is null)
        {
            scope.Report.Leave(table.Id, what, route.DestinationIpv6Cidr is not null ? "the twin has no IPv6" : "a topology routes to CIDR blocks only");
            return null;
        }

        var spec = route.TargetKind switch
        {
            "internetGateway" when scope.InternetGateway is not null => new RouteSpec { Destination = route.DestinationCidr, InternetGateway = scope.InternetGateway },
            "natGateway" when scope.NatGateways.Of(route.TargetId ?? "") is { } nat => new RouteSpec { Destination = route.DestinationCidr, NatGateway = nat },
            "instance" when scope.Instances.Of(route.TargetId ?? "") is { } instance => new RouteSpec { Destination = route.DestinationCidr, NatInstance = instance },
            _ => null,
        };
        if (spec is null)
        {
            scope.Report.Leave(table.Id, what, route.TargetKind switch
            {
                "vpcPeering" => "the lab models one VPC: no peering",
                "transitGateway" => "the lab has no transit gateway",
                "virtualPrivateGateway" => "the lab has no VPN",
                "natGateway" or "instance" or "internetGateway" => "its target is not in the twin (see above)",
                _ => "a topology routes to an internet gateway, a NAT gateway or a NAT instance only",
            });
        }

        return spec;
    }
}
