using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Cost;

/// <summary>
/// Monthly cost of a VPC's endpoints and NAT gateways, and per service what sending its NAT traffic through an
/// endpoint instead would save. Counted per private route table: a service's volume is shared among the private
/// subnets, and each share leaves by its table's path (<see cref="TrafficPath"/>): a table associated with the
/// gateway endpoint is already free, a table with a NAT route pays NAT processing (that is where the saving is),
/// a table with neither pays and saves nothing. Gateway endpoints are free; interface endpoints cost per AZ-hour
/// plus per GB; NAT gateways per hour plus per GB. NAT hours are not counted as saved: the NAT stays for the
/// rest of the egress unless it is removed, so the total after the move never drops below them.
/// </summary>
internal static class CostEstimator
{
    public static CostReport Estimate(VpcSnapshot vpc, PriceBook book, CostInputs inputs)
    {
        var prices = book.For(vpc.Region);
        var hours = book.HoursPerMonth;
        var tables = PrivateTables(vpc);
        var current = new List<CostLine>();
        foreach (var nat in vpc.NatGateways.Where(n => n.State is "available" or "pending"))
        {
            current.Add(new CostLine(nat.Id, $"NAT gateway, {hours} h x {prices.NatGatewayPerHour}", hours * prices.NatGatewayPerHour, CostLineKind.NatHours));
        }

        var traffic = new List<TableTraffic>();
        var comparisons = new List<ServiceComparison>();
        var processing = new List<CostLine>();
        foreach (var service in Services(vpc, inputs))
        {
            var gb = inputs.GbFor(service);
            var gateways = vpc.GatewayEndpoints(service).ToList();
            var iface = vpc.InterfaceEndpoints().Where(e => e.ShortService == service).OrderBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault();
            var shares = Shares(gb, tables).Select(t => Traffic(vpc, service, t.Table, t.Gb, gateways, iface, prices)).ToList();
            traffic.AddRange(shares);
            processing.AddRange(shares.Where(t => t.Path == TrafficPath.Nat && t.GbPerMonth > 0).Select(t => new CostLine(
                t.RouteTableId,
                $"{service}: {t.GbPerMonth:0.###} GB from {t.SubnetIds.Count} subnet(s) through the NAT x {prices.NatGatewayPerGb}",
                t.NatProcessing,
                CostLineKind.NatProcessing,
                service)));

            var gbViaNat = shares.Where(t => t.Path == TrafficPath.Nat).Sum(t => t.GbPerMonth);
            var gateway = gateways.Count > 0 || (iface is null && VpcFacts.GatewayServices.Contains(service));
            var azs = gateway ? 0 : iface is not null ? Azs(vpc, iface) : Math.Max(1, tables.SelectMany(t => t.Subnets).Select(s => s.AvailabilityZone).Distinct().Count());
            var viaEndpoint = gateway ? 0m
                : iface is not null ? Tiered(gbViaNat, prices.InterfaceEndpointPerGb) // private DNS off: turning it on moves the NAT share, no new AZ-hours
                : (azs * hours * prices.InterfaceEndpointPerAzHour) + Tiered(gbViaNat, prices.InterfaceEndpointPerGb);
            comparisons.Add(new ServiceComparison(
                service, gb, gateway ? "gateway" : "interface", gateway ? gateways.Count > 0 : iface is not null, azs, gbViaNat, gbViaNat * prices.NatGatewayPerGb, viaEndpoint));
        }

        foreach (var endpoint in vpc.LiveEndpoints().Where(e => e.Type != EndpointType.GatewayLoadBalancer).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            // An interface endpoint carries today what the tables send it (nothing while its private DNS is off).
            var carried = traffic.Where(t => t.Service == endpoint.ShortService && t.Path == TrafficPath.InterfaceEndpoint).Sum(t => t.GbPerMonth);
            current.Add(endpoint.Type == EndpointType.Gateway
                ? new CostLine(endpoint.Id, $"{endpoint.ShortService} gateway endpoint (free)", 0m, CostLineKind.Endpoint, endpoint.ShortService)
                : InterfaceLine(endpoint, Azs(vpc, endpoint), carried, prices, hours));
        }

        current.AddRange(processing);
        var source = new PriceSource(book.Path, book.TakenOn, book.Currency, hours, prices.Sources);
        return new CostReport(vpc.VpcId, vpc.Region, source, current, comparisons, traffic);
    }

    /// <summary>The per-GB price of <paramref name="gb"/> GB, each tier charged for the GB that fall in it.</summary>
    public static decimal Tiered(decimal gb, IReadOnlyList<PriceTier> tiers)
    {
        decimal total = 0, below = 0;
        foreach (var tier in tiers)
        {
            var top = tier.UpToGb ?? decimal.MaxValue;
            total += Math.Max(0, Math.Min(gb, top) - below) * tier.PerGb;
            below = top;
            if (gb <= top)
            {
                break;
            }
        }

        return total;
    }

    private static TableTraffic Traffic(
        VpcSnapshot vpc, string service, PrivateTable table, decimal gb, List<EndpointInfo> gateways, EndpointInfo? iface, RegionPrices prices)
    {
        var path = gateways.Any(e => e.RouteTableIds.Contains(table.Id)) ? TrafficPath.GatewayEndpoint
            : iface is { PrivateDnsEnabled: true } ? TrafficPath.InterfaceEndpoint
            : vpc.RouteTable(table.Id).HasNatRoute() ? TrafficPath.Nat
            : TrafficPath.None;
        return new TableTraffic(service, table.Id, [.. table.Subnets.Select(s => s.Id)], gb, path, path == TrafficPath.Nat ? gb * prices.NatGatewayPerGb : 0m);
    }

    /// <summary>
    /// A volume shared among the tables by their count of private subnets (a VPC-wide figure says nothing finer);
    /// the last table takes the remainder, so the shares add up to the volume exactly.
    /// </summary>
    private static IEnumerable<(PrivateTable Table, decimal Gb)> Shares(decimal gb, IReadOnlyList<PrivateTable> tables)
    {
        var subnets = tables.Sum(t => t.Subnets.Count);
        var given = 0m;
        for (var i = 0; i < tables.Count; i++)
        {
            var share = i == tables.Count - 1 ? gb - given : gb * tables[i].Subnets.Count / subnets;
            given += share;
            yield return (tables[i], share);
        }
    }

    private static List<PrivateTable> PrivateTables(VpcSnapshot vpc) =>
        [.. vpc.PrivateSubnets().GroupBy(s => s.RouteTableId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new PrivateTable(g.Key, [.. g.OrderBy(s => s.Id, StringComparer.Ordinal)]))];

    // Services counted: S3 and DynamoDB (the gateway-endpoint candidates), every interface endpoint's service, and any named on the command line.
    private static List<string> Services(VpcSnapshot vpc, CostInputs inputs) =>
        VpcFacts.GatewayServices
            .Concat(vpc.InterfaceEndpoints().Select(e => e.ShortService))
            .Concat(inputs.ServiceGb.Keys)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static CostLine InterfaceLine(EndpointInfo endpoint, int azs, decimal gb, RegionPrices prices, decimal hours) => new(
        endpoint.Id,
        $"{endpoint.ShortService} interface endpoint, {azs} AZ x {hours} h x {prices.InterfaceEndpointPerAzHour} + {gb:0.###} GB{(endpoint.PrivateDnsEnabled ? "" : " (private DNS off: carries nothing)")}",
        (azs * hours * prices.InterfaceEndpointPerAzHour) + Tiered(gb, prices.InterfaceEndpointPerGb),
        CostLineKind.Endpoint,
        endpoint.ShortService);

    private static int Azs(VpcSnapshot vpc, EndpointInfo endpoint) =>
        Math.Max(1, endpoint.SubnetIds.Select(id => vpc.Subnet(id)?.AvailabilityZone ?? id).Distinct().Count());

    private sealed record PrivateTable(string Id, IReadOnlyList<SubnetInfo> Subnets);
}
