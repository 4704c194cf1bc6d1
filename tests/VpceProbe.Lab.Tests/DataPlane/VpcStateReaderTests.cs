using Amazon.EC2;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.DataPlane;

/// <summary>The reader against moto's server (no root): the seeded walkthrough as the router sees it.</summary>
public class VpcStateReaderTests
{
    [Fact]
    public async Task reads_the_seeded_walkthrough_and_overlays_the_lab_endpoint_lifecycle()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var moto = await MotoServer.StartAsync(ct);
        var seeded = await new TopologySeeder(new Uri(moto.Url)).SeedAsync(LabTopology.Load("walkthrough"), ct);
        using var ec2 = new AmazonEC2Client(TopologySeeder.Credentials, new AmazonEC2Config { ServiceURL = moto.Url, AuthenticationRegion = MotoServer.Region });
        var time = new FakeTimeProvider();
        var state = new LabState(time, TimeSpan.FromSeconds(2));
        state.EndpointCreated(seeded.Id("endpoint", "ssm"));
        TestContext.Current.SendDiagnosticMessage("backend: moto");

        var vpc = await new VpcStateReader(ec2, state).ReadAsync(ct);

        Assert.NotNull(vpc);
        Assert.Equal((seeded.VpcId, "10.0.0.0/16", true, true), (vpc.VpcId, vpc.Cidr, vpc.EnableDnsSupport, vpc.EnableDnsHostnames));
        var privateSubnet = vpc.Subnets.Single(s => s.Id == seeded.Id("subnet", "twtechPrivateSubnet"));
        Assert.Equal(seeded.Id("route-table", "twtechPrivateRT"), privateSubnet.RouteTableId);
        Assert.Contains(vpc.RouteTables.Single(t => t.Id == privateSubnet.RouteTableId).Routes, r => r.DestinationCidr == "0.0.0.0/0" && r.TargetId == seeded.Id("nat-gateway", "twtechNAT"));
        Assert.Equal(("10.0.2.10", privateSubnet.Id), (vpc.Instances.Single().PrivateIp, vpc.Instances.Single().SubnetId));
        Assert.Equal(
            [("ec2messages", EndpointLifecycle.Available), ("ssm", EndpointLifecycle.Pending), ("ssmmessages", EndpointLifecycle.Available)],
            vpc.Endpoints.Select(e => (e.Service, e.Lifecycle)).OrderBy(e => e.Service, StringComparer.Ordinal));
        Assert.All(vpc.Endpoints, e => Assert.True(e.IsInterface && e.PrivateDns && e.SubnetIds.SequenceEqual([privateSubnet.Id]), e.ToString()));

        var plan = VpcStates.Planner.Plan(vpc);
        var nat = plan.Attachments.Single(a => a.IsNat);
        Assert.Equal([$"default via {nat.Address} dev {nat.Bridge} onlink"], plan.Subnets.Single(s => s.Id == privateSubnet.Id).Routes);
        Assert.Equal(["10.0.0.0/16"], plan.Enis.First().Ingress.Single().Peers);
    }
}
