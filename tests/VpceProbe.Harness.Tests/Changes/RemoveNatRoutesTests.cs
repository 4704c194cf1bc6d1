using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Changes.Undo;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Changes;

/// <summary>Against moto: which routes are NAT routes, and that they come back exactly.</summary>
public class RemoveNatRoutesTests(MotoFixture moto)
{
    [Fact]
    public async Task a_nat_instance_route_in_the_main_table_of_an_unassociated_subnet_is_removed_and_restored_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2());
        var publicSubnet = await seed.SubnetAsync("10.0.0.0/24", 'a');
        var unassociated = await seed.SubnetAsync("10.0.20.0/24", 'a');
        var igw = await seed.InternetGatewayAsync();
        var publicTable = await seed.RouteTableAsync(publicSubnet);
        await seed.RouteAsync(publicTable, "0.0.0.0/0", gatewayId: igw);
        var natInstance = await seed.InstanceAsync(publicSubnet);
        await seed.RouteAsync(seed.MainRouteTableId, "0.0.0.0/0", instanceId: natInstance);
        var target = await seed.InstanceAsync(unassociated);
        var discoverer = new VpcDiscoverer(seed.Ec2, moto.Clients.Ssm(), VpcSeed.Region);
        var before = await discoverer.DescribeAsync(seed.VpcId, ct);
        var journal = RunJournal.Create(
            Directory.CreateTempSubdirectory("nat-").FullName,
            new RunHeader("run-nat", "t", seed.VpcId, VpcSeed.Region, moto.Server.Url, null, BaselineCheck.Capture(before)),
            TimeProvider.System);
        var waits = new ResourceWaits(TimeProvider.System, TimeSpan.FromSeconds(30));
        var context = new ChangeContext(seed.Ec2, before, [before.Instances.Single(i => i.Id == target)], journal, waits, new CrashHook(null), "nat");

        var planned = new RemoveNatRoutes().Preview(context);
        var applied = await new RemoveNatRoutes().ApplyAsync(context, ct);

        Assert.Equal([seed.MainRouteTableId], planned.Select(c => c.Resource));
        Assert.Equal([seed.MainRouteTableId], applied.Select(c => c.Resource));
        var during = await discoverer.DescribeAsync(seed.VpcId, ct);
        Assert.DoesNotContain(during.RouteTables.Single(t => t.Id == seed.MainRouteTableId).Routes, r => r.DestinationCidr == "0.0.0.0/0");
        Assert.Contains(during.RouteTables.Single(t => t.Id == publicTable).Routes, r => r.TargetId == igw);

        var rollback = await new Rollback(new UndoContext(seed.Ec2, journal, waits, new UndoRetry(TimeProvider.System, TimeSpan.FromSeconds(30)), TextWriter.Null)).RunAsync("cleanup", keepCreated: false, ct);

        Assert.True(rollback.Complete, string.Join("; ", rollback.Left));
        var restored = (await discoverer.DescribeAsync(seed.VpcId, ct)).RouteTables.Single(t => t.Id == seed.MainRouteTableId).Routes;
        Assert.Contains(restored, r => r.DestinationCidr == "0.0.0.0/0" && r.TargetKind == RouteTargetKind.Instance && r.TargetId == natInstance);
        Assert.Empty(BaselineCheck.Differences(journal.Header.Baseline, await discoverer.DescribeAsync(seed.VpcId, ct), []));
    }
}
