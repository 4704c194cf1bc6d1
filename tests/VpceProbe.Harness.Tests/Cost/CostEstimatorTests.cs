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

        // Today: the NAT gateway 730 h x 0.045 = 32.85; the S3 gateway endpoint is free; the Secrets Manager
        // endpoint 2 AZ x 730 h x 0.01 = 14.60 plus 1000 GB x 0.01 + 500 GB x 0.005 = 12.50; DynamoDB has no
        // endpoint, so its 200 GB go through the NAT: 200 x 0.045 = 9.00. Total 32.85 + 0 + 27.10 + 9.00 = 68.95.
        Assert.Equal(32.85m, report.Current.Single(l => l.Resource == nat).Monthly);
        Assert.Equal(0m, report.Current.Single(l => l.Resource == s3).Monthly);
        Assert.Equal(27.10m, report.Current.Single(l => l.Resource == secrets).Monthly);
        Assert.Equal(9.00m, report.Current.Single(l => l.Resource == "NAT").Monthly);
        Assert.Equal(68.95m, report.CurrentTotal);

        // Per service, NAT (GB x 0.045) against endpoint: s3 45.00 vs 0 (saves 45.00); dynamodb 9.00 vs 0
        // (saves 9.00); secretsmanager 67.50 vs 27.10 (saves 40.40). Together 94.40.
        Assert.Equal((45.00m, 0m, 45.00m), Figures(report, "s3"));
        Assert.Equal((9.00m, 0m, 9.00m), Figures(report, "dynamodb"));
        Assert.Equal((67.50m, 27.10m, 40.40m), Figures(report, "secretsmanager"));
        Assert.Equal(94.40m, report.TotalSaving);
        Assert.Equal(3, report.Services.Count);
    }

    [Fact]
    public void a_small_interface_volume_costs_more_through_an_endpoint_than_through_the_nat()
    {
        var snapshot = SnapshotWithProblems.Snapshot();
        var report = CostEstimator.Estimate(snapshot, Prices(), new CostInputs(0m, new Dictionary<string, decimal> { ["secretsmanager"] = 10m }));

        // One AZ: 730 x 0.01 + 10 x 0.01 = 7.40 through the endpoint; 10 x 0.045 = 0.45 through the NAT.
        Assert.Equal((0.45m, 7.40m, -6.95m), Figures(report, "secretsmanager"));
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
