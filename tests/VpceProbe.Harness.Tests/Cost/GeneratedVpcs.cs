using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Tests.Cost;

/// <summary>
/// Random VPCs, volumes and prices for the cost property tests: one to three AZs, up to four route tables each
/// public, behind a NAT or with neither, S3/DynamoDB gateway endpoints on any subset of tables, interface endpoints
/// with private DNS on or off, and deleted endpoints and NAT gateways that must not count. Seeded: a failure names its seed.
/// </summary>
internal static class GeneratedVpcs
{
    public const string Region = "us-east-1";

    private static readonly string[] InterfaceServices = ["secretsmanager", "ssm", "ecr.api"];

    public static (VpcSnapshot Vpc, PriceBook Prices, CostInputs Inputs) Generate(int seed)
    {
        var random = new Random(seed);
        var azs = Enumerable.Range(0, random.Next(1, 4)).Select(i => $"{Region}{(char)('a' + i)}").ToList();
        var nats = Enumerable.Range(0, random.Next(0, 3)).Select(i => new NatGatewayInfo($"nat-{i}", "subnet-0", random.Next(5) == 0 ? "deleted" : "available", null, null)).ToList();
        var liveNats = nats.Where(n => n.State == "available").ToList();
        var tables = new List<(string Id, string Egress)>();
        for (var i = 0; i < random.Next(1, 5); i++)
        {
            var egress = random.Next(10) switch { < 2 => "igw", < 8 when liveNats.Count > 0 => "nat", _ => "none" };
            tables.Add(($"rtb-{i}", egress));
        }

        var subnets = Enumerable.Range(0, random.Next(1, 7)).Select(i =>
        {
            var table = tables[random.Next(tables.Count)];
            return new SubnetInfo($"subnet-{i}", $"10.0.{i}.0/24", azs[random.Next(azs.Count)], table.Id, true, table.Egress == "igw", new Dictionary<string, string>());
        }).ToList();
        var routeTables = tables.Select(t => new RouteTableInfo(
            t.Id, false, [.. subnets.Where(s => s.RouteTableId == t.Id).Select(s => s.Id)], Routes(t.Egress, liveNats, random), new Dictionary<string, string>())).ToList();

        var endpoints = new List<EndpointInfo>();
        foreach (var service in new[] { "s3", "dynamodb" }.Where(_ => random.Next(2) == 0))
        {
            endpoints.Add(new EndpointInfo
            {
                Id = $"vpce-{service}", ServiceName = $"com.amazonaws.{Region}.{service}", Type = EndpointType.Gateway,
                State = random.Next(6) == 0 ? "deleted" : "available", RouteTableIds = [.. tables.Where(_ => random.Next(2) == 0).Select(t => t.Id)],
            });
        }

        foreach (var service in InterfaceServices.Where(_ => random.Next(5) < 2))
        {
            endpoints.Add(new EndpointInfo
            {
                Id = $"vpce-{service}", ServiceName = $"com.amazonaws.{Region}.{service}", Type = EndpointType.Interface,
                State = random.Next(6) == 0 ? "deleted" : "available", PrivateDnsEnabled = random.Next(3) > 0,
                SubnetIds = [.. subnets.Where(_ => random.Next(2) == 0).Select(s => s.Id).DefaultIfEmpty(subnets[0].Id)],
            });
        }

        var vpc = new VpcSnapshot
        {
            VpcId = $"vpc-{seed:x8}", Region = Region, Cidrs = ["10.0.0.0/16"], Subnets = subnets, RouteTables = routeTables, NatGateways = nats, Endpoints = endpoints,
        };
        var named = new Dictionary<string, decimal>();
        foreach (var service in new[] { "s3", "dynamodb", "secretsmanager", "kms" }.Where(_ => random.Next(3) == 0))
        {
            named[service] = Gb(random);
        }

        return (vpc, Prices(random), new CostInputs(Gb(random), named));
    }

    private static List<RouteInfo> Routes(string egress, List<NatGatewayInfo> nats, Random random)
    {
        var routes = new List<RouteInfo> { new("10.0.0.0/16", null, null, RouteTargetKind.Local, "local", null, null) };
        if (egress == "igw")
        {
            routes.Add(new("0.0.0.0/0", null, null, RouteTargetKind.InternetGateway, "igw-1", null, null));
        }
        else if (egress == "nat")
        {
            routes.Add(new("0.0.0.0/0", null, null, RouteTargetKind.NatGateway, nats[random.Next(nats.Count)].Id, null, null));
        }

        return routes;
    }

    // Volumes from 0 to 2 PB, to the hundredth of a GB: past the first tier of the interface endpoint data price.
    private static decimal Gb(Random random) => random.Next(4) == 0 ? 0m : random.NextInt64(0, 200_000_000_000) / 100m;

    private static PriceBook Prices(Random random)
    {
        decimal Price() => random.Next(1, 1000) / 10000m;
        var first = random.Next(1, 2_000_000);
        var tiers = new List<PriceTier> { new(first, Price()), new(first + random.Next(1, 5_000_000), Price()), new(null, Price()) };
        var region = new RegionPrices(Price(), tiers, Price(), Price(), ["generated"]);
        return new PriceBook("USD", "2026-01-01", 730, new Dictionary<string, RegionPrices> { [Region] = region });
    }
}
