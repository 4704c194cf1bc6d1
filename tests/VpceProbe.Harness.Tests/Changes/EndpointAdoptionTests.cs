using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Verdicts;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Changes;

/// <summary>
/// Adoption done right, on moto (AWS side only: moto moves no packets; the lab's two-az test proves the packets).
/// An S3 gateway endpoint already on the first of two private tables: the run associates the second for the run,
/// applies the scenario's policy, and gives both back at cleanup. An interface endpoint missing a target's AZ gets
/// that AZ's subnet for the run.
/// </summary>
public class EndpointAdoptionTests(MotoFixture moto)
{
    private const string OwnPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""";

    private static async Task<Dnsmasq> ResolverAsync() => await Dnsmasq.StartAsync(
        new Dictionary<string, string[]> { [$"secretsmanager.{VpcSeed.Region}.amazonaws.com"] = ["10.0.10.50"] },
        cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task an_adopted_gateway_endpoint_gets_the_second_table_and_the_scenario_policy_for_the_run_then_both_back()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var (secondTable, _) = await vpc.SplitSecondAzAsync();
        var existing = await vpc.Seed.GatewayEndpointAsync("s3", [vpc.PrivateTable], OwnPolicy);
        await using var dns = await ResolverAsync();
        var before = await vpc.DescribeAsync(moto);
        var harness = new RunHarness(moto, vpc) { ProceedOnFailedBaseline = true };

        var dryRun = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver), dryRun: true);
        var planned = Assert.Single(dryRun.Changes, c => c.Action == ChangeActions.ModifyEndpoint);
        Assert.Contains($"associate route table(s) {secondTable}", planned.Description, StringComparison.Ordinal);
        Assert.Contains("apply the scenario's policy", planned.Description, StringComparison.Ordinal);

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        Assert.Null(result.LeftBehind);
        Assert.Contains(result.Changes, c => c.Action == ChangeActions.ModifyEndpoint && c.Status == ChangeStatus.Applied && c.Resource == existing);
        Assert.Contains(result.Changes, c => c.Action == ChangeActions.ModifyEndpoint && c.Status == ChangeStatus.RolledBack && c.Resource == existing);
        var during = harness.Transport!.Seen[2].Endpoints.Single(e => e.Id == existing);
        Assert.Equal(new[] { vpc.PrivateTable, secondTable }.Order(StringComparer.Ordinal), during.RouteTableIds.Order(StringComparer.Ordinal));
        Assert.Contains("arn:aws:s3:::twtech-secure-bucket", during.PolicyDocument, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Transport.Seen[2].Endpoints, e => e.ShortService == "s3" && e.Id != existing && e.State == "available");

        var after = (await vpc.DescribeAsync(moto)).Endpoints.Single(e => e.Id == existing);
        Assert.Equal([vpc.PrivateTable], after.RouteTableIds);
        Assert.True(Policies.Same(OwnPolicy, after.PolicyDocument), after.PolicyDocument);
        WalkthroughVpc.AssertSame(BaselineCheck.Capture(before), BaselineCheck.Capture(await vpc.DescribeAsync(moto)));
    }

    [Fact]
    public async Task an_adopted_interface_endpoint_missing_a_target_az_gets_that_az_subnet_for_the_run()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await vpc.Seed.InstanceAsync(vpc.PrivateSubnetB);
        var sg = await vpc.Seed.SecurityGroupAsync("own-secrets", 443, "10.0.0.0/16");
        var existing = await vpc.Seed.InterfaceEndpointAsync("secretsmanager", [vpc.PrivateSubnetA], [sg]);
        await using var dns = await ResolverAsync();
        var harness = new RunHarness(moto, vpc) { ProceedOnFailedBaseline = true };

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        Assert.Null(result.LeftBehind);
        var applied = Assert.Single(result.Changes, c => c.Action == ChangeActions.ModifyEndpoint && c.Status == ChangeStatus.Applied);
        Assert.Contains($"add subnet(s) {vpc.PrivateSubnetB}", applied.Description, StringComparison.Ordinal);
        var during = harness.Transport!.Seen[2].Endpoints.Single(e => e.Id == existing);
        Assert.Equal(new[] { vpc.PrivateSubnetA, vpc.PrivateSubnetB }.Order(StringComparer.Ordinal), during.SubnetIds.Order(StringComparer.Ordinal));
        Assert.Equal([vpc.PrivateSubnetA], (await vpc.DescribeAsync(moto)).Endpoints.Single(e => e.Id == existing).SubnetIds);
    }

    [Fact]
    public async Task an_adopted_endpoint_that_already_serves_every_target_as_asked_is_not_modified()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var scenario = RunHarness.Walkthrough(vpc.VpcId, "127.0.0.1:53");
        var policy = scenario.Phases.SelectMany(p => p.Actions).Single(a => a.Service == "s3").Policy!;
        await vpc.Seed.GatewayEndpointAsync("s3", [vpc.PrivateTable], policy);
        var harness = new RunHarness(moto, vpc);

        var dryRun = await harness.RunAsync(scenario, dryRun: true);

        Assert.DoesNotContain(dryRun.Changes, c => c.Action == ChangeActions.ModifyEndpoint);
        Assert.Contains(dryRun.Changes, c => c.Action == "adopt-endpoint");
    }
}

/// <summary>Endpoint policies compared as JSON documents (AWS may re-serialise them).</summary>
internal static class Policies
{
    public static bool Same(string a, string? b) =>
        b is not null && System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a), System.Text.Json.Nodes.JsonNode.Parse(b));
}
