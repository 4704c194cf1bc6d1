namespace VpceProbe.Lab.Topology.Validation;

/// <summary>Route tables: at most one main, routes with a valid destination and exactly one existing target.</summary>
internal sealed class RouteTableCheck : ITopologyCheck
{
    /// <summary>AWS's default quotas: 200 route tables per VPC, 50 routes per table.</summary>
    public const int MaxTables = 200;
    public const int MaxRoutes = 50;

    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        context.Bounded("routeTables", t.RouteTables.Count, MaxTables, "AWS's default quota of route tables per VPC");
        context.Unique(t.RouteTables, "routeTables", r => r.Name);
        var mains = t.RouteTables.Select((r, i) => (r, i)).Where(p => p.r.Main).ToList();
        foreach (var (_, index) in mains.Skip(1))
        {
            context.Error($"routeTables[{index}].main", $"a VPC has one main route table; routeTables[{mains[0].i}] is already main");
        }

        for (var i = 0; i < t.RouteTables.Count; i++)
        {
            var table = t.RouteTables[i];
            context.NotBlank($"routeTables[{i}].name", table.Name);
            context.Tags($"routeTables[{i}].tags", table.Tags);
            context.Bounded($"routeTables[{i}].routes", table.Routes.Count, MaxRoutes, "AWS's default quota of routes per table");
            var destinations = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var r = 0; r < table.Routes.Count; r++)
            {
                Route(context, $"routeTables[{i}].routes[{r}]", table.Routes[r], destinations, r);
            }
        }
    }

    private static void Route(TopologyContext context, string path, RouteSpec route, Dictionary<string, int> destinations, int index)
    {
        var t = context.Topology;
        if (context.CidrAt($"{path}.destination", route.Destination) is { } destination)
        {
            if (!destinations.TryAdd(destination.ToString(), index))
            {
                context.Error($"{path}.destination", $"{route.Destination} is already routed by routes[{destinations[destination.ToString()]}]");
            }

            if (context.VpcCidr is { } vpc && Equals(destination, vpc))
            {
                context.Error($"{path}.destination", $"{route.Destination} is the VPC's own block: its route is the implicit 'local' route");
            }
        }

        var targets = new[] { route.InternetGateway, route.NatGateway, route.NatInstance }.Count(x => x is not null);
        if (targets != 1)
        {
            context.Error(path, $"a route has exactly one target (internetGateway, natGateway or natInstance); this one has {targets}");
        }

        context.Reference($"{path}.internetGateway", route.InternetGateway, "internet gateway", t.InternetGateway is { } igw ? [igw.Name] : []);
        context.Reference($"{path}.natGateway", route.NatGateway, "NAT gateway", t.NatGateways.Select(n => n.Name));
        context.Reference($"{path}.natInstance", route.NatInstance, "NAT instance", t.NatInstances.Select(n => n.Name));
    }
}
