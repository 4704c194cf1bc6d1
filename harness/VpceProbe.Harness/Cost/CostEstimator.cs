using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Cost;

/// <summary>
/// Monthly cost of a VPC's endpoints and NAT gateways, and per service what sending its traffic through an
/// endpoint instead of the NAT would save: gateway endpoints are free; interface endpoints cost per AZ-hour
/// plus per GB; NAT gateways per hour plus per GB. NAT hours are not counted as saved: the NAT stays for
/// the rest of the egress unless it is removed.
/// </summary>
public static class CostEstimator
{
    public static CostReport Estimate(VpcSnapshot vpc, PriceBook book, CostInputs inputs)
    {
        var prices = book.For(vpc.Region);
        var hours = book.HoursPerMonth;
        var viaNatToday = vpc.PrivateSubnets().Any(s => vpc.RouteTable(s.RouteTableId).HasNatRoute());
        var services = Services(vpc, inputs);
        var current = new List<CostLine>();

        foreach (var nat in vpc.NatGateways.Where(n => n.State is "available" or "pending"))
        {
            current.Add(new CostLine(nat.Id, $"NAT gateway, {hours} h x {prices.NatGatewayPerHour}", hours * prices.NatGatewayPerHour));
        }

        foreach (var endpoint in vpc.LiveEndpoints().OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            current.Add(endpoint.Type == EndpointType.Gateway
                ? new CostLine(endpoint.Id, $"{endpoint.ShortService} gateway endpoint (free)", 0m)
                : InterfaceLine(endpoint, Azs(vpc, endpoint), inputs.GbFor(endpoint.ShortService), prices, hours));
        }

        var comparisons = new List<ServiceComparison>();
        foreach (var service in services)
        {
            var gb = inputs.GbFor(service);
            var existing = vpc.LiveEndpoints().FirstOrDefault(e => e.ShortService == service && e.Type != EndpointType.GatewayLoadBalancer);
            var gateway = existing?.Type == EndpointType.Gateway || (existing is null && VpcFacts.GatewayServices.Contains(service));
            var azs = gateway ? 0 : existing is not null ? Azs(vpc, existing) : Math.Max(1, vpc.PrivateSubnets().Select(s => s.AvailabilityZone).Distinct().Count());
            var viaEndpoint = gateway ? 0m : (azs * hours * prices.InterfaceEndpointPerAzHour) + Tiered(gb, prices.InterfaceEndpointPerGb);
            var viaNat = gb * prices.NatGatewayPerGb;
            comparisons.Add(new ServiceComparison(service, gb, gateway ? "gateway" : "interface", existing is not null, azs, viaNat, viaEndpoint));
            if (existing is null && viaNatToday && gb > 0)
            {
                current.Add(new CostLine("NAT", $"{service}: {gb} GB through the NAT x {prices.NatGatewayPerGb}", viaNat));
            }
        }

        var source = new PriceSource(book.Path, book.TakenOn, book.Currency, hours, prices.Sources);
        return new CostReport(vpc.VpcId, vpc.Region, source, current, comparisons);
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

    // Services counted: S3 and DynamoDB (the gateway-endpoint candidates), every interface endpoint's service, and any named on the command line.
    private static List<string> Services(VpcSnapshot vpc, CostInputs inputs) =>
        VpcFacts.GatewayServices
            .Concat(vpc.InterfaceEndpoints().Select(e => e.ShortService))
            .Concat(inputs.ServiceGb.Keys)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static CostLine InterfaceLine(EndpointInfo endpoint, int azs, decimal gb, RegionPrices prices, decimal hours) => new(
        endpoint.Id,
        $"{endpoint.ShortService} interface endpoint, {azs} AZ x {hours} h x {prices.InterfaceEndpointPerAzHour} + {gb} GB",
        (azs * hours * prices.InterfaceEndpointPerAzHour) + Tiered(gb, prices.InterfaceEndpointPerGb));

    private static int Azs(VpcSnapshot vpc, EndpointInfo endpoint) =>
        Math.Max(1, endpoint.SubnetIds.Select(id => vpc.Subnet(id)?.AvailabilityZone ?? id).Distinct().Count());
}
