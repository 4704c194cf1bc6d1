using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cli;

public class DiscoverCommandTests(MotoFixture moto, IntegrationBackends backends)
{
    [Fact]
    public async Task discover_json_round_trips_the_snapshot_and_warns_about_ssm_on_stderr()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.30.0.0/16");
        var subnet = await seed.SubnetAsync("10.30.1.0/24", 'a');
        await seed.InstanceAsync(subnet);

        var run = await CliRun.InvokeAsync(["discover", "--vpc", seed.VpcId, "--json", .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var snapshot = SnapshotJson.Deserialize(run.Output)!;
        Assert.Equal((seed.VpcId, subnet), (snapshot.VpcId, Assert.Single(snapshot.Subnets).Id));
        Assert.Contains("warning: SSM DescribeInstanceInformation", run.Error, StringComparison.Ordinal);
        Assert.StartsWith($"{{\n  \"schemaVersion\": {VpcSnapshot.CurrentSchemaVersion},", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task discover_table_lists_subnets_routes_and_endpoints(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var seed = await VpcSeed.CreateAsync(aws.Clients.Ec2(), "10.31.0.0/16");
        var subnet = await seed.SubnetAsync("10.31.1.0/24", 'b');
        var table = await seed.RouteTableAsync(subnet);
        var endpoint = await seed.GatewayEndpointAsync("dynamodb", [table]);

        var run = await CliRun.InvokeAsync(["discover", "--vpc", seed.VpcId, .. aws.CliArgs]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(subnet, run.Output, StringComparison.Ordinal);
        Assert.Contains($"VpcEndpoint {endpoint}", run.Output, StringComparison.Ordinal);
        Assert.Contains("com.amazonaws.us-east-1.dynamodb", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task discover_of_an_unknown_vpc_exits_2_naming_id_and_region(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var run = await CliRun.InvokeAsync(["discover", "--vpc", "vpc-00000000000000bad", .. aws.CliArgs]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'vpc-00000000000000bad' was not found in region us-east-1", run.Error, StringComparison.Ordinal);
    }
}
