using Amazon.EC2;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Changes.Undo;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Changes.Undo;

/// <summary>Rollback against moto from journals written by hand: the states a kill can leave behind.</summary>
public class RollbackTests(MotoFixture moto)
{
    [Fact]
    public async Task an_endpoint_created_just_before_a_kill_is_found_by_its_run_tag_and_deleted()
    {
        var ct = TestContext.Current.CancellationToken;
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var before = await vpc.BaselineAsync(moto);
        var journal = RunJournal.Create(
            Directory.CreateTempSubdirectory("rollback-").FullName,
            new RunHeader("run-tagged", "t", vpc.VpcId, VpcSeed.Region, moto.Server.Url, null, before),
            TimeProvider.System);

        // Change 1 completed (route removed, done journaled); change 2 was sent to AWS but the kill came before its done line.
        var route = new RouteToRestore(vpc.PrivateTable, "0.0.0.0/0", vpc.NatGatewayId, null, null);
        var removed = journal.Append(new JournalEntry { Type = JournalEntryTypes.Intent, Seq = 1, Action = ChangeActions.RemoveRoute, Route = route });
        await vpc.Seed.Ec2.DeleteRouteAsync(new() { RouteTableId = vpc.PrivateTable, DestinationCidrBlock = "0.0.0.0/0" }, ct);
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Done, Seq = removed.Seq, ResourceId = vpc.PrivateTable });
        var service = $"com.amazonaws.{VpcSeed.Region}.s3";
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Intent, Seq = 2, Action = ChangeActions.CreateEndpoint, ServiceName = service });
        var orphan = (await vpc.Seed.Ec2.CreateVpcEndpointAsync(new()
        {
            VpcId = vpc.VpcId,
            ServiceName = service,
            VpcEndpointType = VpcEndpointType.Gateway,
            RouteTableIds = [vpc.PrivateTable],
            TagSpecifications = [new() { ResourceType = ResourceType.VpcEndpoint, Tags = [new(ChangeContext.RunIdTag, "run-tagged")] }],
        }, ct)).VpcEndpoint.VpcEndpointId;

        var undo = new UndoContext(vpc.Seed.Ec2, journal, new ResourceWaits(TimeProvider.System, TimeSpan.FromSeconds(30)), new UndoRetry(TimeProvider.System, TimeSpan.FromSeconds(30)), TextWriter.Null);
        var result = await new Rollback(undo).RunAsync("rollback", keepCreated: false, ct);

        Assert.True(result.Complete, string.Join("; ", result.Left));
        Assert.Equal([ChangeStatus.RolledBack, ChangeStatus.RolledBack], result.Records.Select(r => r.Status));
        Assert.Contains(orphan, result.Records[0].Description, StringComparison.Ordinal);

        // Written as journals were before intents carried the scenario's action: still undone, shown by the internal name.
        Assert.Equal([ChangeActions.CreateEndpoint, ChangeActions.RemoveRoute], result.Records.Select(r => r.Action));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
        Assert.Empty(journal.Outstanding());
        Assert.Empty((await new Rollback(undo).RunAsync("rollback", keepCreated: false, ct)).Records);
    }

    [Fact]
    public async Task cleanup_with_keep_restores_routes_but_keeps_what_the_run_created()
    {
        var ct = TestContext.Current.CancellationToken;
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var journal = RunJournal.Create(
            Directory.CreateTempSubdirectory("rollback-").FullName,
            new RunHeader("run-keep", "t", vpc.VpcId, VpcSeed.Region, moto.Server.Url, null, await vpc.BaselineAsync(moto)),
            TimeProvider.System);
        var route = new RouteToRestore(vpc.PrivateTable, "0.0.0.0/0", vpc.NatGatewayId, null, null);
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Intent, Seq = 1, Action = ChangeActions.RemoveRoute, Route = route });
        await vpc.Seed.Ec2.DeleteRouteAsync(new() { RouteTableId = vpc.PrivateTable, DestinationCidrBlock = "0.0.0.0/0" }, ct);
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Intent, Seq = 2, Action = ChangeActions.CreateEndpoint, ServiceName = $"com.amazonaws.{VpcSeed.Region}.s3" });
        var endpoint = await vpc.Seed.GatewayEndpointAsync("s3", [vpc.PrivateTable]);
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Done, Seq = 2, ResourceId = endpoint });

        var undo = new UndoContext(vpc.Seed.Ec2, journal, new ResourceWaits(TimeProvider.System, TimeSpan.FromSeconds(30)), new UndoRetry(TimeProvider.System, TimeSpan.FromSeconds(30)), TextWriter.Null);
        var result = await new Rollback(undo).RunAsync("cleanup", keepCreated: true, ct);

        Assert.Equal([ChangeStatus.Kept, ChangeStatus.RolledBack], result.Records.Select(r => r.Status));
        var after = await vpc.BaselineAsync(moto);
        Assert.Contains(endpoint, after.EndpointIds);
        Assert.Contains(after.Routes, r => r == $"{vpc.PrivateTable} 0.0.0.0/0 → {vpc.NatGatewayId}");
        Assert.Empty(BaselineCheck.Differences(journal.Header.Baseline, await vpc.DescribeAsync(moto), [endpoint]));
    }
}
