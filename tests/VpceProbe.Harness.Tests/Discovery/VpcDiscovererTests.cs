using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Discovery;

public class VpcDiscovererTests(MotoFixture moto, IntegrationBackends backends)
{
    private static VpcDiscoverer Discoverer(AwsEndpoint aws)
    {
        var clients = aws.Clients;
        return new VpcDiscoverer(clients.Ec2(), clients.Ssm(), VpcSeed.Region);
    }

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task discover_reads_the_walkthrough_vpc_as_seeded(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var seed = await VpcSeed.CreateAsync(aws.Clients.Ec2(), "10.20.0.0/16", dnsSupport: true, dnsHostnames: false);
        var publicSubnet = await seed.SubnetAsync("10.20.0.0/24", 'a');
        var privateA = await seed.SubnetAsync("10.20.10.0/24", 'a');
        var privateB = await seed.SubnetAsync("10.20.11.0/24", 'b');
        var unassociated = await seed.SubnetAsync("10.20.12.0/24", 'b');
        var igw = await seed.InternetGatewayAsync();
        var publicTable = await seed.RouteTableAsync(publicSubnet);
        await seed.RouteAsync(publicTable, "0.0.0.0/0", gatewayId: igw);
        var nat = await seed.NatGatewayAsync(publicSubnet);
        var privateTable = await seed.RouteTableAsync(privateA, privateB);
        await seed.RouteAsync(privateTable, "0.0.0.0/0", natGatewayId: nat);
        var s3 = await seed.GatewayEndpointAsync("s3", [privateTable]);
        var sg = await seed.SecurityGroupAsync("endpoints", 443, "10.20.0.0/16");
        // Private DNS off: AWS (and the lab) refuse it on a VPC without enableDnsHostnames.
        var secrets = await seed.InterfaceEndpointAsync("secretsmanager", [privateA, privateB], [sg], privateDns: false);
        var instance = await seed.InstanceAsync(privateA);
        var flowLog = await seed.FlowLogAsync();

        var snapshot = await Discoverer(aws).DescribeAsync(seed.VpcId, TestContext.Current.CancellationToken);

        Assert.Equal(["10.20.0.0/16"], snapshot.Cidrs);
        Assert.True(snapshot.EnableDnsSupport);
        Assert.False(snapshot.EnableDnsHostnames);
        Assert.Equal(4, snapshot.Subnets.Count);
        var a = snapshot.Subnets.Single(s => s.Id == privateA);
        Assert.Equal((privateTable, true, false, "us-east-1a"), (a.RouteTableId, a.ExplicitAssociation, a.IsPublic, a.AvailabilityZone));
        Assert.True(snapshot.Subnets.Single(s => s.Id == publicSubnet).IsPublic);
        var implicitSubnet = snapshot.Subnets.Single(s => s.Id == unassociated);
        Assert.Equal((seed.MainRouteTableId, false), (implicitSubnet.RouteTableId, implicitSubnet.ExplicitAssociation));

        var routes = snapshot.RouteTables.Single(t => t.Id == privateTable).Routes;
        Assert.Contains(routes, r => r.DestinationCidr == "0.0.0.0/0" && r.TargetKind == RouteTargetKind.NatGateway && r.TargetId == nat);
        var prefixRoute = Assert.Single(routes, r => r.DestinationPrefixListId is not null);
        Assert.Equal((RouteTargetKind.VpcEndpoint, s3), (prefixRoute.TargetKind, prefixRoute.TargetId));
        Assert.Contains("52.216.0.0/15", snapshot.PrefixListCidrs[prefixRoute.DestinationPrefixListId!]);
        Assert.Contains(snapshot.RouteTables.Single(t => t.Id == publicTable).Routes, r => r.TargetKind == RouteTargetKind.InternetGateway);

        Assert.Equal([igw], snapshot.InternetGatewayIds);
        Assert.Equal(publicSubnet, Assert.Single(snapshot.NatGateways).SubnetId);
        var gateway = snapshot.Endpoints.Single(e => e.Id == s3);
        Assert.Equal((EndpointType.Gateway, "s3"), (gateway.Type, gateway.ShortService));
        Assert.Equal([privateTable], gateway.RouteTableIds);
        var iface = snapshot.Endpoints.Single(e => e.Id == secrets);
        Assert.Equal(EndpointType.Interface, iface.Type);
        Assert.False(iface.PrivateDnsEnabled);
        Assert.Equal(new[] { privateA, privateB }.Order(StringComparer.Ordinal), iface.SubnetIds.Order(StringComparer.Ordinal));
        Assert.Equal([sg], iface.SecurityGroupIds);
        var ingress = Assert.Single(snapshot.SecurityGroups.Single(g => g.Id == sg).Ingress);
        Assert.Equal(("tcp", 443, 443, "10.20.0.0/16"), (ingress.Protocol, ingress.FromPort, ingress.ToPort, Assert.Single(ingress.Cidrs)));
        Assert.Contains(snapshot.NetworkAcls, n => n.IsDefault && n.Entries.Any(e => e.Allow));
        Assert.Equal([flowLog], snapshot.FlowLogIds);
        Assert.Equal(privateA, Assert.Single(snapshot.Instances, i => i.Id == instance).SubnetId);
    }

    [Fact]
    public async Task moto_without_ssm_instance_information_gives_unknown_ping_status_and_a_warning()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.21.0.0/16");
        var subnet = await seed.SubnetAsync("10.21.1.0/24", 'a');
        await seed.InstanceAsync(subnet);

        var snapshot = await Discoverer(moto).DescribeAsync(seed.VpcId, TestContext.Current.CancellationToken);

        Assert.False(snapshot.SsmPingStatusKnown);
        Assert.Null(Assert.Single(snapshot.Instances).SsmPingStatus);
        Assert.Contains("ping status unknown", Assert.Single(snapshot.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IntegrationBackends.Names), MemberType = typeof(IntegrationBackends))]
    public async Task an_unknown_vpc_id_names_the_id_and_the_region(string backend)
    {
        var aws = await backends.UseAsync(backend);
        var error = await Assert.ThrowsAsync<VpcNotFoundException>(
            () => Discoverer(aws).DescribeAsync("vpc-0000000000000dead", TestContext.Current.CancellationToken));

        Assert.Contains("vpc-0000000000000dead", error.Message, StringComparison.Ordinal);
        Assert.Contains("us-east-1", error.Message, StringComparison.Ordinal);
    }
}
