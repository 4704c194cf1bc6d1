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
        // Shipped us-east-1 prices: 100 GB x $0.045 through the NAT; 10 GB x $0.045 for DynamoDB.
        Assert.Equal(4.5m, services["s3"].GetProperty("viaNat").GetDecimal());
        Assert.Equal(0.45m, services["dynamodb"].GetProperty("viaNat").GetDecimal());
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
}
