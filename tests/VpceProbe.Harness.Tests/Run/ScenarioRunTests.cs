using VpceProbe.Contract;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Run;

/// <summary>
/// The built-in walkthrough with the published agent (local transport: the agent runs on this machine, with
/// the backend as its AWS endpoint). The agent's probes do not go through a VPC here, so whether egress, S3 or
/// the secret were really reachable through it is not judged: these tests assert the AWS side of every phase,
/// which every backend must get right; packet expectations are the lab's tests' (tests/VpceProbe.Lab.Tests).
/// </summary>
public class ScenarioRunTests(MotoFixture moto, IntegrationBackends backends)
{
    private static async Task<Dnsmasq> ResolverAsync() => await Dnsmasq.StartAsync(
        new Dictionary<string, string[]> { [$"secretsmanager.{VpcSeed.Region}.amazonaws.com"] = ["10.0.10.50"] },
        cancellationToken: TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task walkthrough_removes_nat_creates_endpoints_then_restores_the_vpc_exactly(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var vpc = await WalkthroughVpc.CreateAsync(aws);
        await using var dns = await ResolverAsync();
        var before = await vpc.BaselineAsync(aws);
        var harness = new RunHarness(aws, vpc) { ProceedOnFailedBaseline = true };

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        Assert.True(result.ExitCode is ExitCodes.Success or ExitCodes.ExpectationFailed, $"exit {result.ExitCode}\n{harness.Log}\n{result.LeftBehind}\n{string.Join("\n", result.Phases.SelectMany(p => p.Runs).Select(r => $"{r.Status} {r.ExitCode} {r.Error}"))}");
        Assert.Null(result.LeftBehind);
        Assert.Equal(["baseline", "nat-removed", "endpoints", "cleanup"], result.Phases.Select(p => p.Name));
        Assert.All(result.Phases.SelectMany(p => p.Runs), r => Assert.Equal(AgentRunStatus.Completed, r.Status));
        Assert.All(result.Phases, p => Assert.Equal(6, p.Cells.Count));

        var seen = harness.Transport!.Seen;
        Assert.Contains(NatRoute(seen[0], vpc), r => r.TargetId == vpc.NatGatewayId);
        Assert.Empty(NatRoute(seen[1], vpc));
        AssertEndpointsPhase(seen[2], vpc, result.RunId);

        // cleanup ran before the cleanup phase's probes: routes back exactly, created endpoints and group gone.
        Assert.Contains(NatRoute(seen[3], vpc), r => r.TargetId == vpc.NatGatewayId);
        Assert.DoesNotContain(seen[3].Endpoints, e => e.Tags.ContainsKey(ChangeContext.RunIdTag) && e.State is not ("deleted" or "deleting"));
        Assert.DoesNotContain(seen[3].SecurityGroups, g => g.Name.StartsWith("vpceprobe-", StringComparison.Ordinal));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(aws));
        Assert.Contains(result.Changes, c => c.Status == ChangeStatus.RolledBack);

        // Cleanup names each change as its apply row did (the scenario's action), never the journal's internal step.
        Assert.Equal(
            result.Changes.Where(c => c.Status == ChangeStatus.Applied).Select(c => (c.Action, c.Resource)).Order(),
            result.Changes.Where(c => c.Status == ChangeStatus.RolledBack).Select(c => (c.Action, c.Resource)).Order());
        Assert.Contains(result.Changes, c => c.Status == ChangeStatus.RolledBack && c.Action == ActionTypes.RemoveNatRoutes);
    }

    private static void AssertEndpointsPhase(VpcSnapshot vpcNow, WalkthroughVpc vpc, string runId)
    {
        Assert.Empty(NatRoute(vpcNow, vpc));
        var created = vpcNow.Endpoints.Where(e => e.Tags.GetValueOrDefault(ChangeContext.RunIdTag) == runId).ToList();
        var s3 = Assert.Single(created, e => e.ShortService == "s3");
        Assert.Equal(EndpointType.Gateway, s3.Type);
        Assert.Equal([vpc.PrivateTable], s3.RouteTableIds);
        Assert.Contains("arn:aws:s3:::twtech-secure-bucket", s3.PolicyDocument, StringComparison.Ordinal);

        var secrets = Assert.Single(created, e => e.ShortService == "secretsmanager");
        Assert.Equal(EndpointType.Interface, secrets.Type);
        Assert.True(secrets.PrivateDnsEnabled);
        Assert.Equal([vpc.PrivateSubnetA], secrets.SubnetIds);
        var group = Assert.Single(vpcNow.SecurityGroups, g => g.Id == Assert.Single(secrets.SecurityGroupIds));
        var rule = Assert.Single(group.Ingress);
        Assert.Equal(("tcp", 443, 443), (rule.Protocol, rule.FromPort, rule.ToPort));
        Assert.Equal(["10.0.0.0/16"], rule.Cidrs);
    }

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task an_existing_endpoint_for_the_service_is_adopted_and_left_in_place(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var vpc = await WalkthroughVpc.CreateAsync(aws);
        var existing = await vpc.Seed.GatewayEndpointAsync("s3", [vpc.PrivateTable]);
        await using var dns = await ResolverAsync();
        var before = await vpc.BaselineAsync(aws);
        var harness = new RunHarness(aws, vpc) { ProceedOnFailedBaseline = true };

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        Assert.Null(result.LeftBehind);
        // Adoption also applies the scenario's policy for the run (a journaled ModifyVpcEndpoint, undone at cleanup).
        var adopted = Assert.Single(result.Changes, c => c.Resource == existing && c.Action == EndpointCreation.AdoptAction);
        Assert.Equal(ChangeStatus.Kept, adopted.Status);
        var duringEndpoints = harness.Transport!.Seen[2];
        Assert.Equal([existing], duringEndpoints.Endpoints.Where(e => e.ShortService == "s3" && e.State == "available").Select(e => e.Id));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(aws));
        Assert.Contains(existing, before.EndpointIds);
    }

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task an_existing_interface_endpoint_is_adopted_without_creating_a_security_group(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var vpc = await WalkthroughVpc.CreateAsync(aws);
        var sg = await vpc.Seed.SecurityGroupAsync("own-secrets", 443, "10.0.0.0/16");
        var existing = await vpc.Seed.InterfaceEndpointAsync("secretsmanager", [vpc.PrivateSubnetA], [sg]);
        await using var dns = await ResolverAsync();
        var before = await vpc.BaselineAsync(aws);
        var harness = new RunHarness(aws, vpc) { ProceedOnFailedBaseline = true };

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, dns.Nameserver));

        Assert.Null(result.LeftBehind);
        Assert.Equal(ChangeStatus.Kept, Assert.Single(result.Changes, c => c.Resource == existing).Status);
        Assert.DoesNotContain(result.Changes, c => c.Action == ChangeActions.CreateSecurityGroup);
        Assert.DoesNotContain(harness.Transport!.Seen[2].SecurityGroups, g => g.Name.StartsWith("vpceprobe-", StringComparison.Ordinal));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(aws));
    }

    [Fact]
    public async Task dry_run_lists_the_changes_and_changes_nothing()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var before = await vpc.BaselineAsync(moto);
        var harness = new RunHarness(moto, vpc);

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, "127.0.0.1:53"), dryRun: true);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.All(result.Changes, c => Assert.Equal(ChangeStatus.Planned, c.Status));
        Assert.Contains(result.Changes, c => c.Description.Contains($"delete route 0.0.0.0/0 → {vpc.NatGatewayId} from {vpc.PrivateTable}", StringComparison.Ordinal));
        Assert.Contains(result.Changes, c => c.Action == ActionTypes.CreateGatewayEndpoint);
        Assert.Contains(result.Changes, c => c.Action == ActionTypes.CreateInterfaceEndpoint);
        Assert.Empty(harness.Transport!.Seen);
        Assert.False(Directory.Exists(Path.Combine(harness.OutputDir, "runs")));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    [Fact]
    public async Task dry_run_prints_every_phases_predicted_matrix_from_the_vpc_as_the_changes_would_leave_it()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var harness = new RunHarness(moto, vpc);

        await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, "127.0.0.1:53"), dryRun: true);

        var log = harness.Log.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(log);
        Assert.Contains("predicted matrix", log, StringComparison.Ordinal);
        Assert.Matches(@"\[baseline\] egress-http@i-\w+ http http://127.0.0.1/: expect reachable, predicted reachable pass", log);
        Assert.Matches(@"\[nat-removed\] secret@i-\w+ secret twtech/db-password: expect unreachable, predicted unreachable pass", log);
        Assert.Matches(@"\[endpoints\] s3-bucket@i-\w+ s3 s3://twtech-secure-bucket: expect allowed, predicted allowed pass", log);
        Assert.Matches(@"\[endpoints\] s3-other-bucket@i-\w+ s3 s3://twtech-other-bucket: expect denied, predicted denied pass", log);
        Assert.Matches(@"\[endpoints\] secret@i-\w+ secret twtech/db-password: expect allowed, predicted allowed pass", log);
        Assert.Matches(@"\[cleanup\] egress-http@i-\w+ http http://127.0.0.1/: expect reachable, predicted reachable pass", log);
    }

    [Fact]
    public async Task private_dns_on_a_vpc_without_dns_hostnames_is_refused_before_any_change()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        await vpc.Seed.Ec2.ModifyVpcAttributeAsync(new() { VpcId = vpc.VpcId, EnableDnsHostnames = false }, TestContext.Current.CancellationToken);
        var before = await vpc.BaselineAsync(moto);
        var harness = new RunHarness(moto, vpc);

        var result = await harness.RunAsync(RunHarness.Walkthrough(vpc.VpcId, "127.0.0.1:53"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("enableDnsHostnames=False", harness.Log.ToString(), StringComparison.Ordinal);
        Assert.Empty(harness.Transport!.Seen);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    private static IEnumerable<RouteInfo> NatRoute(VpcSnapshot snapshot, WalkthroughVpc vpc) =>
        snapshot.RouteTables.Single(t => t.Id == vpc.PrivateTable).Routes.Where(r => r.DestinationCidr == "0.0.0.0/0");
}
