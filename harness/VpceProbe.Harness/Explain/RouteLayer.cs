using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Explain;

/// <summary>How traffic to a public destination leaves the instance's subnet.</summary>
internal enum RouteExit
{
    None,
    GatewayEndpoint,
    Nat,
    InternetGateway,
    Other,
}

/// <param name="Gateway">The gateway endpoint carrying the traffic, for <see cref="RouteExit.GatewayEndpoint"/>.</param>
/// <param name="PeerCidr">The range the traffic goes to (a prefix-list range, or any address), for the filters.</param>
/// <param name="Nat">The NAT gateway the default route sends the traffic to, for its subnet's network ACL.</param>
internal sealed record RouteDecision(RouteExit Exit, EndpointInfo? Gateway, string PeerCidr, IReadOnlyList<PathStep> Steps, NatGatewayInfo? Nat = null);

/// <summary>
/// The routing layer, from the instance's subnet (its table, else the VPC's main table). A public AWS service
/// with a gateway endpoint (S3, DynamoDB) is matched by the endpoint's prefix-list route; anything else public by
/// the default route. Longest prefix wins, a static route beats a prefix-list route on a tie (<see cref="RouteEvaluator"/>).
/// </summary>
internal static class RouteLayer
{
    private const string Anywhere = "0.0.0.0/0";

    public static RouteDecision Public(VpcSnapshot vpc, SubnetInfo subnet, ProbeTarget target)
    {
        var steps = new List<PathStep>();
        var table = vpc.RouteTable(subnet.RouteTableId);
        if (table is null)
        {
            steps.Add(new(PathLayer.Route, StepVerdict.Block, subnet.Id, $"{subnet.Id} has no route table in the snapshot", CauseCode.NoRoute, [subnet.RouteTableId]));
            return new(RouteExit.None, null, Anywhere, steps);
        }

        // The service's addresses as the prefix list of its gateway endpoint names them, when the table has its route.
        var gateways = target.Service is null ? [] : vpc.Endpoints.Where(e => e.Type == EndpointType.Gateway && e.ShortService == target.Service
            && e.State is not ("deleted" or "deleting" or "failed")).ToList();
        var listRoute = table.Routes.FirstOrDefault(r => r.DestinationPrefixListId is not null && gateways.Any(g => g.Id == r.TargetId));
        var peer = listRoute is null ? Anywhere : vpc.PrefixListCidrs.GetValueOrDefault(listRoute.DestinationPrefixListId!)?.FirstOrDefault() ?? Anywhere;
        // A prefix list whose ranges are not known (a planned endpoint) is taken as holding the service.
        var route = listRoute is not null && !vpc.PrefixListCidrs.ContainsKey(listRoute.DestinationPrefixListId!)
            ? listRoute
            : RouteEvaluator.Lookup(table, peer, vpc.PrefixListCidrs);
        var onTable = gateways.FirstOrDefault(g => g.RouteTableIds.Contains(table.Id));
        if (route is not null && route.TargetKind == RouteTargetKind.VpcEndpoint && gateways.FirstOrDefault(g => g.Id == route.TargetId) is { } gateway)
        {
            if (gateway.State != "available")
            {
                steps.Add(new(PathLayer.EndpointState, StepVerdict.Detour, gateway.Id,
                    $"{gateway.Id} ({target.Service}) is {gateway.State}: its route carries nothing yet", CauseCode.EndpointPending, [gateway.Id]));
                return Default(vpc, table, target, steps, peer);
            }

            steps.Add(PathStep.Passing(PathLayer.Route, table.Id, $"{table.Id}: {route.Destination} -> {gateway.Id} (gateway endpoint for {target.Service})"));
            return new(RouteExit.GatewayEndpoint, gateway, peer, steps);
        }

        if (onTable is null && gateways.FirstOrDefault(g => g.State == "available") is { } elsewhere)
        {
            steps.Add(new(PathLayer.Route, StepVerdict.Detour, table.Id,
                $"gateway endpoint {elsewhere.Id} ({target.Service}) is not on {table.Id}: {target.Service} follows the default route",
                CauseCode.GatewayEndpointNotOnRouteTable, [elsewhere.Id, table.Id]));
        }
        else if (listRoute is not null && route is not null)
        {
            steps.Add(new(PathLayer.Route, StepVerdict.Detour, table.Id,
                $"{table.Id}: {route.Destination} -> {route.TargetId} is as or more specific than {listRoute.Destination} and takes the traffic"));
        }

        return Default(vpc, table, target, steps, peer);
    }

    private static RouteDecision Default(VpcSnapshot vpc, RouteTableInfo table, ProbeTarget target, List<PathStep> steps, string peer)
    {
        var route = table.Routes.FirstOrDefault(r => r.DestinationCidr == Anywhere);
        if (route is null || RouteEvaluator.IsBlackhole(route))
        {
            var nat = vpc.NatGateways.FirstOrDefault(n => n.State == "available");
            var what = route is null ? "has no route for" : $"sends {Anywhere} to {route.TargetId}, a blackhole, for";
            steps.Add(nat is not null
                ? new(PathLayer.Route, StepVerdict.Block, table.Id, $"{table.Id} {what} {target.Host}; NAT gateway {nat.Id} exists but this table does not use it",
                    CauseCode.NatRouteRemoved, [table.Id, nat.Id])
                : new(PathLayer.Route, StepVerdict.Block, table.Id, $"{table.Id} {what} {target.Host}", CauseCode.NoRoute, [table.Id]));
            return new(RouteExit.None, null, peer, steps);
        }

        var exit = route.TargetKind switch
        {
            RouteTargetKind.NatGateway or RouteTargetKind.Instance or RouteTargetKind.NetworkInterface => RouteExit.Nat,
            RouteTargetKind.InternetGateway => RouteExit.InternetGateway,
            _ => RouteExit.Other,
        };
        if (route.TargetKind == RouteTargetKind.NatGateway && vpc.NatGateways.FirstOrDefault(n => n.Id == route.TargetId) is { State: not "available" } down)
        {
            steps.Add(new(PathLayer.Route, StepVerdict.Block, down.Id, $"{table.Id}: {Anywhere} -> {down.Id}, which is {down.State}", CauseCode.NoRoute, [table.Id]));
            return new(RouteExit.None, null, peer, steps);
        }

        steps.Add(PathStep.Passing(PathLayer.Route, table.Id, $"{table.Id}: {Anywhere} -> {route.TargetId}"));
        var via = route.TargetKind == RouteTargetKind.NatGateway ? vpc.NatGateways.FirstOrDefault(n => n.Id == route.TargetId) : null;
        return new(exit, null, peer, steps, via);
    }
}
