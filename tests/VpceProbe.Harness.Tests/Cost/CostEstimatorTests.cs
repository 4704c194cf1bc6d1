using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cost;

public class CostEstimatorTests(MotoFixture moto)
{
    /// <summary>Round numbers, so the hand computation below is easy to follow.</summary>
    private const string TestPrices = """
        {
          "currency": "USD", "takenOn": "2026-01-01", "hoursPerMonth": 730,
          "regions": { "us-east-1": {
            "interfaceEndpointPerAzHour": 0.01,
            "interfaceEndpointPerGb": [ { "upToGb": 1000, "perGb": 0.01 }, { "upToGb": null, "perGb": 0.005 } ],
            "natGatewayPerHour": 0.045, "natGatewayPerGb": 0.045,
            "sources": ["test"] } }
        }
        """;

    [Fact]
    public async Task cost_of_a_seeded_vpc_equals_the_hand_computation()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.40.0.0/16");
        var publicSubnet = await seed.SubnetAsync("10.40.0.0/24", 'a');
        var privateA = await seed.SubnetAsync("10.40.1.0/24", 'a');
        var privateB = await seed.SubnetAsync("10.40.2.0/24", 'b');
        await seed.RouteAsync(await seed.RouteTableAsync(publicSubnet), "0.0.0.0/0", gatewayId: await seed.InternetGatewayAsync());
        var nat = await seed.NatGatewayAsync(publicSubnet);
        var privateTable = await seed.RouteTableAsync(privateA, privateB);
        await seed.RouteAsync(privateTable, "0.0.0.0/0", natGatewayId: nat);
        var s3 = await seed.GatewayEndpointAsync("s3", [privateTable]);
        var group = await seed.SecurityGroupAsync("endpoints", 443, "10.40.0.0/16");
        var secrets = await seed.InterfaceEndpointAsync("secretsmanager", [privateA, privateB], [group]);
        var snapshot = await new VpcDiscoverer(moto.Clients.Ec2(), moto.Clients.Ssm(), VpcSeed.Region).DescribeAsync(seed.VpcId, TestContext.Current.CancellationToken);
        var inputs = new CostInputs(100m, new Dictionary<string, decimal> { ["s3"] = 1000m, ["dynamodb"] = 200m, ["secretsmanager"] = 1500m });

        var report = CostEstimator.Estimate(snapshot, Prices(), inputs);

        // Today: the NAT gateway 730 h x 0.045 = 32.85; the S3 gateway endpoint is free and the one table is on
        // it, so S3's 1000 GB pay nothing; the Secrets Manager endpoint (private DNS on) carries its 1500 GB:
        // 2 AZ x 730 h x 0.01 = 14.60 plus 1000 GB x 0.01 + 500 GB x 0.005 = 12.50; DynamoDB has no endpoint, so
        // its 200 GB leave by the table's NAT route: 200 x 0.045 = 9.00. Total 32.85 + 0 + 27.10 + 9.00 = 68.95.
        Assert.Equal(32.85m, report.Current.Single(l => l.Resource == nat).Monthly);
        Assert.Equal(0m, report.Current.Single(l => l.Resource == s3).Monthly);
        Assert.Equal(27.10m, report.Current.Single(l => l.Resource == secrets).Monthly);
        Assert.Equal(9.00m, report.Current.Single(l => l.Resource == privateTable && l.Service == "dynamodb").Monthly);
        Assert.Equal(68.95m, report.CurrentTotal);

        // Only traffic through the NAT today can be saved: s3 and secretsmanager already use their endpoints
        // (nothing to save), dynamodb saves its 9.00. After: 59.95, of which the NAT hours 32.85.
        Assert.Equal((0m, 0m, 0m), Figures(report, "s3"));
        Assert.Equal((9.00m, 0m, 9.00m), Figures(report, "dynamodb"));
        Assert.Equal((0m, 0m, 0m), Figures(report, "secretsmanager"));
        Assert.Equal(9.00m, report.TotalSaving);
        Assert.Equal(59.95m, report.AfterTotal);
        Assert.Equal(3, report.Services.Count);
    }

    /// <summary>Issue 10's two-AZ VPC: an S3 gateway endpoint on the first of two private tables, each behind its NAT.</summary>
    [Fact]
    public async Task a_table_left_out_of_the_gateway_endpoint_pays_nat_processing_and_is_where_the_saving_is()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.41.0.0/16");
        var publicA = await seed.SubnetAsync("10.41.0.0/24", 'a');
        var publicB = await seed.SubnetAsync("10.41.10.0/24", 'b');
        var privateA = await seed.SubnetAsync("10.41.1.0/24", 'a');
        var privateB = await seed.SubnetAsync("10.41.2.0/24", 'b');
        var igw = await seed.InternetGatewayAsync();
        await seed.RouteAsync(await seed.RouteTableAsync(publicA, publicB), "0.0.0.0/0", gatewayId: igw);
        var tableA = await seed.RouteTableAsync(privateA);
        var tableB = await seed.RouteTableAsync(privateB);
        await seed.RouteAsync(tableA, "0.0.0.0/0", natGatewayId: await seed.NatGatewayAsync(publicA));
        await seed.RouteAsync(tableB, "0.0.0.0/0", natGatewayId: await seed.NatGatewayAsync(publicB));
        await seed.GatewayEndpointAsync("s3", [tableA]);
        var snapshot = await new VpcDiscoverer(moto.Clients.Ec2(), moto.Clients.Ssm(), VpcSeed.Region).DescribeAsync(seed.VpcId, TestContext.Current.CancellationToken);

        var report = CostEstimator.Estimate(snapshot, Prices(), new CostInputs(100m, new Dictionary<string, decimal>()));

        // 100 GB of S3 shared by the two private subnets: 50 GB from tableA go free through the endpoint, 50 GB
        // from tableB through its NAT: 50 x 0.045 = 2.25, the whole S3 saving. DynamoDB (no endpoint): 100 GB
        // through the NATs, 4.50. NAT hours 2 x 32.85 = 65.70. Today 65.70 + 2.25 + 4.50 = 72.45; after 65.70.
        Assert.Equal(TrafficPath.GatewayEndpoint, report.Tables.Single(t => t.Service == "s3" && t.RouteTableId == tableA).Path);
        Assert.Equal((TrafficPath.Nat, 50m, 2.25m), report.Tables.Where(t => t.Service == "s3" && t.RouteTableId == tableB).Select(t => (t.Path, t.GbPerMonth, t.NatProcessing)).Single());
        Assert.Equal((2.25m, 0m, 2.25m), Figures(report, "s3"));
        Assert.Equal((4.50m, 0m, 4.50m), Figures(report, "dynamodb"));
        Assert.Equal(65.70m, report.NatHours);
        Assert.Equal(72.45m, report.CurrentTotal);
        Assert.Equal(65.70m, report.AfterTotal);
    }

    [Fact]
    public void a_small_interface_volume_costs_more_through_an_endpoint_than_through_the_nat()
    {
        var snapshot = SnapshotWithProblems.Snapshot() with
        {
            Endpoints = [],
            NatGateways = [new NatGatewayInfo("nat-1", "subnet-public", "available", null, null)],
            RouteTables = [new RouteTableInfo("rtb-a", false, ["subnet-a"], [new RouteInfo("0.0.0.0/0", null, null, RouteTargetKind.NatGateway, "nat-1", null, null)], new Dictionary<string, string>())],
        };
        var report = CostEstimator.Estimate(snapshot, Prices(), new CostInputs(0m, new Dictionary<string, decimal> { ["secretsmanager"] = 10m }));

        // One AZ: 730 x 0.01 + 10 x 0.01 = 7.40 through a new endpoint; 10 x 0.045 = 0.45 through the NAT.
        Assert.Equal((0.45m, 7.40m, -6.95m), Figures(report, "secretsmanager"));
        Assert.Equal(report.CurrentTotal + 6.95m, report.AfterTotal);
    }

    [Fact]
    public void an_interface_endpoint_with_private_dns_off_carries_nothing_and_turning_it_on_moves_the_nat_share()
    {
        var snapshot = SnapshotWithProblems.Snapshot() with
        {
            Endpoints = [SnapshotWithProblems.Snapshot().Endpoints[0] with { PrivateDnsEnabled = false }],
            NatGateways = [new NatGatewayInfo("nat-1", "subnet-public", "available", null, null)],
            RouteTables = [new RouteTableInfo("rtb-a", false, ["subnet-a"], [new RouteInfo("0.0.0.0/0", null, null, RouteTargetKind.NatGateway, "nat-1", null, null)], new Dictionary<string, string>())],
        };
        var report = CostEstimator.Estimate(snapshot, Prices(), new CostInputs(0m, new Dictionary<string, decimal> { ["secretsmanager"] = 100m }));

        // Today the endpoint costs its 7.30 AZ-hours and the 100 GB pay the NAT 4.50; with private DNS on they
        // would pay the endpoint 100 x 0.01 = 1.00 and no new AZ-hour.
        Assert.Equal(7.30m, report.Current.Single(l => l.Resource == "vpce-secrets").Monthly);
        Assert.Equal((4.50m, 1.00m, 3.50m), Figures(report, "secretsmanager"));
    }

    [Fact]
    public void tiers_charge_each_gb_at_the_rate_of_its_tier()
    {
        var tiers = new[] { new PriceTier(1000m, 0.01m), new PriceTier(5000m, 0.006m), new PriceTier(null, 0.004m) };

        Assert.Equal(5m, CostEstimator.Tiered(500m, tiers));
        Assert.Equal(10m + 24m + 4m, CostEstimator.Tiered(6000m, tiers));
    }

    private static (decimal ViaNat, decimal ViaEndpoint, decimal Saving) Figures(CostReport report, string service)
    {
        var s = report.Services.Single(x => x.Service == service);
        return (s.ViaNat, s.ViaEndpoint, s.Saving);
    }

    private static PriceBook Prices()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vpceprobe-test-prices-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, TestPrices);
        try
        {
            return PriceBook.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
