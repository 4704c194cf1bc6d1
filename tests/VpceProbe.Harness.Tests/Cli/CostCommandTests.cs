using System.Text.Json;
using VpceProbe.Contract;
using VpceProbe.Harness.Reports.Costs;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cli;

public class CostCommandTests(MotoFixture moto)
{
    [Fact]
    public async Task cost_json_names_the_prices_it_used_and_prices_each_service()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.50.0.0/16");
        await seed.SubnetAsync("10.50.1.0/24", 'a');

        var run = await CliRun.InvokeAsync(["cost", "--vpc", seed.VpcId, "--gb-per-month", "10", "--service-gb", "s3=100", "--json", .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(("schemaVersion", CostJsonWriter.SchemaVersion), (json.RootElement.EnumerateObject().First().Name, json.RootElement.GetProperty("schemaVersion").GetInt32()));
        var prices = json.RootElement.GetProperty("prices");
        Assert.EndsWith("prices.json", prices.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal("USD", prices.GetProperty("currency").GetString());
        var services = json.RootElement.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);
        // The subnet's (main) table has no NAT route: S3's 100 GB and DynamoDB's 10 GB have no NAT to pay, nothing to save.
        Assert.Equal((100m, 0m, 0m), (services["s3"].GetProperty("gbPerMonth").GetDecimal(), services["s3"].GetProperty("gbViaNat").GetDecimal(), services["s3"].GetProperty("saving").GetDecimal()));
        Assert.Equal(10m, services["dynamodb"].GetProperty("gbPerMonth").GetDecimal());
        Assert.All(json.RootElement.GetProperty("routeTables").EnumerateArray(), t => Assert.Equal("None", t.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task the_table_says_which_price_file_date_and_region_it_used()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.51.0.0/16");

        var run = await CliRun.InvokeAsync(["cost", "--vpc", seed.VpcId, .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"Prices: .*prices\.json, taken \d{4}-\d{2}-\d{2}, region us-east-1", run.Output);
    }

    [Fact]
    public async Task a_malformed_service_volume_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync(["cost", "--vpc", "vpc-1", "--service-gb", "s3:100", .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("expected SERVICE=GB", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_region_missing_from_the_price_file_is_a_usage_error_before_any_aws_call()
    {
        var run = await CliRun.InvokeAsync(["cost", "--vpc", "vpc-1", "--region", "eu-south-7", "--endpoint-url", moto.Server.Url]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no prices for eu-south-7", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--gb-per-month=-5", "--gb-per-month: must be 0 or more")]
    [InlineData("--service-gb=s3=-5", "'s3=-5': a volume is 0 or more GB a month, e.g. s3=500")]
    public async Task a_negative_volume_is_a_usage_error_that_says_what_to_type(string option, string message)
    {
        var run = await CliRun.InvokeAsync(["cost", "--vpc", "vpc-1", option, .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_service_is_a_usage_error_that_names_it_and_the_region()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.52.0.0/16");

        var run = await CliRun.InvokeAsync(["cost", "--vpc", seed.VpcId, "--service-gb", "secretsmanagr=5", .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("secretsmanagr: no such endpoint service in us-east-1; name a service by its short name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_json_reconciles_today_saving_and_after_and_lists_each_route_table()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.53.0.0/16");
        var publicSubnet = await seed.SubnetAsync("10.53.0.0/24", 'a');
        var privateSubnet = await seed.SubnetAsync("10.53.1.0/24", 'a');
        await seed.RouteAsync(await seed.RouteTableAsync(publicSubnet), "0.0.0.0/0", gatewayId: await seed.InternetGatewayAsync());
        var table = await seed.RouteTableAsync(privateSubnet);
        await seed.RouteAsync(table, "0.0.0.0/0", natGatewayId: await seed.NatGatewayAsync(publicSubnet));

        var run = await CliRun.InvokeAsync(["cost", "--vpc", seed.VpcId, "--gb-per-month", "100", "--json", .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(root.GetProperty("currentTotal").GetDecimal() - root.GetProperty("totalSaving").GetDecimal(), root.GetProperty("afterTotal").GetDecimal());
        Assert.Equal(32.85m, root.GetProperty("natHours").GetDecimal());
        Assert.Equal(32.85m, root.GetProperty("afterTotal").GetDecimal()); // shipped us-east-1: S3 and DynamoDB's 9.00 of NAT processing saved
        var s3 = root.GetProperty("routeTables").EnumerateArray().Single(t => t.GetProperty("service").GetString() == "s3");
        Assert.Equal((table, "Nat", 4.5m), (s3.GetProperty("routeTableId").GetString(), s3.GetProperty("path").GetString(), s3.GetProperty("natProcessing").GetDecimal()));
    }
}
