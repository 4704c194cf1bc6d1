using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.Topology;

/// <summary>The seeder against moto's server (no root): what each built-in topology and the schema's features become in EC2.</summary>
public class TopologySeederTests
{
    [Fact]
    public async Task two_az_has_a_nat_and_a_private_table_per_az_and_the_s3_gateway_endpoint_on_the_first_table_only()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var moto = await MotoServer.StartAsync(ct);
        var seeded = await new TopologySeeder(new Uri(moto.Url)).SeedAsync(LabTopology.Load("two-az"), ct);
        using var ec2 = Ec2(moto);
        TestContext.Current.SendDiagnosticMessage("backend: moto");

        var tables = (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = [new Filter("vpc-id", [seeded.VpcId])] }, ct)).RouteTables;
        var privateA = tables.Single(t => t.RouteTableId == seeded.Id("route-table", "private-a-rt"));
        var privateB = tables.Single(t => t.RouteTableId == seeded.Id("route-table", "private-b-rt"));
        Assert.Contains(privateA.Routes, r => r.DestinationCidrBlock == "0.0.0.0/0" && r.NatGatewayId == seeded.Id("nat-gateway", "nat-a"));
        Assert.Contains(privateB.Routes, r => r.DestinationCidrBlock == "0.0.0.0/0" && r.NatGatewayId == seeded.Id("nat-gateway", "nat-b"));
        Assert.Equal([seeded.Id("subnet", "private-a")], privateA.Associations.Select(a => a.SubnetId));
        Assert.Equal(new[] { seeded.Id("subnet", "public-a"), seeded.Id("subnet", "public-b") }.Order(), tables.Single(t => t.RouteTableId == seeded.Id("route-table", "public-rt")).Associations.Select(a => a.SubnetId).Order());

        var nats = (await ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest(), ct)).NatGateways;
        Assert.Equal([seeded.Id("subnet", "public-a"), seeded.Id("subnet", "public-b")], nats.OrderBy(n => n.Tags.Single(t => t.Key == "Name").Value, StringComparer.Ordinal).Select(n => n.SubnetId));

        var endpoints = (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest(), ct)).VpcEndpoints;
        var s3 = endpoints.Single(e => e.ServiceName == "com.amazonaws.us-east-1.s3");
        Assert.Equal([privateA.RouteTableId], s3.RouteTableIds);
        Assert.Equal("s3-gateway", s3.Tags.Single(t => t.Key == "Name").Value);
        var ssm = endpoints.Single(e => e.ServiceName == "com.amazonaws.us-east-1.ssm");
        Assert.Equal(2, ssm.SubnetIds.Count);
        Assert.True(ssm.PrivateDnsEnabled);

        var appSg = (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [seeded.Id("security-group", "app-sg")] }, ct)).SecurityGroups.Single();
        Assert.Equal(["icmp -1..-1", "tcp 443..443", "tcp 80..80"], appSg.IpPermissionsEgress.Select(p => $"{p.IpProtocol} {p.FromPort}..{p.ToPort}").Order(StringComparer.Ordinal));

        var instances = await InstancesAsync(ec2, ct);
        Assert.Equal(["app-a us-east-1a 10.42.1.10", "app-b us-east-1b 10.42.2.10"], instances.Select(i => $"{Name(i)} {i.Placement.AvailabilityZone} {i.PrivateIpAddress}").Order(StringComparer.Ordinal));
        Assert.All(instances, i => Assert.Contains(i.Tags, t => t.Key == LabTags.SsmAgentVersion && t.Value == InstanceSpec.DefaultSsmAgentVersion));
        Assert.All(instances, i => Assert.Contains(i.Tags, t => t.Key == "app" && t.Value == "web"));
    }

    [Fact]
    public async Task fleet_seeds_fifty_named_instances_across_three_azs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var moto = await MotoServer.StartAsync(ct);
        var seeded = await new TopologySeeder(new Uri(moto.Url)).SeedAsync(LabTopology.Load("fleet"), ct);
        using var ec2 = Ec2(moto);

        var instances = await InstancesAsync(ec2, ct);

        Assert.Equal(50, instances.Count);
        Assert.Equal(50, seeded.OfKind(SeedKinds.Instance).Count());
        Assert.Equal([("us-east-1a", 17), ("us-east-1b", 17), ("us-east-1c", 16)],
            instances.GroupBy(i => i.Placement.AvailabilityZone).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
        Assert.Equal(50, instances.Select(Name).Distinct().Count());
        Assert.Contains(instances, i => Name(i) == "fleet-c-16" && i.Tags.Any(t => t.Key == LabTags.TopologyName && t.Value == "fleet-c"));
        Assert.All(instances, i => Assert.Equal(seeded.Id(SeedKinds.Instance, Name(i)), i.InstanceId));
    }

    [Fact]
    public async Task locked_down_has_no_gateways_its_subnets_on_the_main_table_and_its_nacl()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var moto = await MotoServer.StartAsync(ct);
        var seeded = await new TopologySeeder(new Uri(moto.Url)).SeedAsync(LabTopology.Load("locked-down"), ct);
        using var ec2 = Ec2(moto);

        Assert.Empty((await ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest(), ct)).InternetGateways ?? []);
        Assert.Empty((await ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest(), ct)).NatGateways ?? []);
        var main = (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = [new Filter("vpc-id", [seeded.VpcId])] }, ct)).RouteTables.Single();
        Assert.Equal(seeded.Id("route-table", "locked-down-main-rt"), main.RouteTableId);
        Assert.True(main.Associations.Single().Main);
        Assert.Equal("locked-down-main-rt", main.Tags.Single(t => t.Key == "Name").Value);

        var acl = (await ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { NetworkAclIds = [seeded.Id(SeedKinds.NetworkAcl, "private-nacl")] }, ct)).NetworkAcls.Single();
        Assert.Equal(new[] { seeded.Id("subnet", "private-a"), seeded.Id("subnet", "private-b") }.Order(), acl.Associations.Select(a => a.SubnetId).Order());
        Assert.Contains(acl.Entries, e => e.RuleNumber == 90 && e.RuleAction == RuleAction.Deny && e.Protocol == "6" && e.PortRange.From == 22 && e.Egress == false);
        Assert.Contains(acl.Entries, e => e.RuleNumber == 120 && e.Egress == true && e.PortRange.From == 1024 && e.PortRange.To == 65535 && e.CidrBlock == "10.44.0.0/16");
        var endpoints = (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest(), ct)).VpcEndpoints;
        Assert.Equal(6, endpoints.Count);
        Assert.Equal([main.RouteTableId], endpoints.Single(e => e.VpcEndpointType == VpcEndpointType.Gateway).RouteTableIds);
    }

    [Fact]
    public async Task nat_instances_arm64_policies_group_peers_and_source_ids_are_seeded()
    {
        var ct = TestContext.Current.CancellationToken;
        var document = JsonNode.Parse(TopologyDocuments.Valid)!.AsObject();
        document["natInstances"] = new JsonArray(new JsonObject { ["name"] = "nat-i", ["subnet"] = "public-a", ["privateIp"] = "10.42.0.20" });
        document.At("routeTables", 1)["routes"]![0] = new JsonObject { ["destination"] = "0.0.0.0/0", ["natInstance"] = "nat-i" };
        document.At("endpoints", 0)["policy"] = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""");
        document["vpc"]!["sourceId"] = "vpc-0123456789abcdef0";
        document.At("instances", 0)["sourceId"] = "i-0aaaaaaaaaaaaaaaa";
        var topology = TopologyReader.Parse(document.ToJsonString(), "test").Topology!;
        await using var moto = await MotoServer.StartAsync(ct);

        var seeded = await new TopologySeeder(new Uri(moto.Url)).SeedAsync(topology, ct);

        using var ec2 = Ec2(moto);
        var natId = seeded.Id(SeedKinds.NatInstance, "nat-i");
        var sourceDest = await ec2.DescribeInstanceAttributeAsync(new DescribeInstanceAttributeRequest { InstanceId = natId, Attribute = InstanceAttributeName.SourceDestCheck }, ct);
        Assert.False(sourceDest.InstanceAttribute.SourceDestCheck);
        var table = (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = [seeded.Id("route-table", "private-rt")] }, ct)).RouteTables.Single();
        Assert.Contains(table.Routes, r => r.DestinationCidrBlock == "0.0.0.0/0" && r.InstanceId == natId);

        var workers = (await InstancesAsync(ec2, ct)).Where(i => Name(i).StartsWith("worker-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, workers.Count);
        Assert.All(workers, w => Assert.Equal(("arm64", "t4g.micro"), (w.Architecture.Value, w.InstanceType.Value)));
        Assert.All(workers, w => Assert.Contains(w.Tags, t => t.Key == LabTags.SsmAgentVersion && t.Value == "3.2.582.0"));

        var endpoint = (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { VpcEndpointIds = [seeded.Id(SeedKinds.Endpoint, "s3")] }, ct)).VpcEndpoints.Single();
        Assert.Contains("s3:GetObject", endpoint.PolicyDocument, StringComparison.Ordinal);
        var groups = (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [seeded.Id(SeedKinds.SecurityGroup, "endpoints")] }, ct)).SecurityGroups.Single();
        Assert.Equal(seeded.Id(SeedKinds.SecurityGroup, "app"), groups.IpPermissions.Single().UserIdGroupPairs.Single().GroupId);
        var privateB = (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = [new Filter("association.subnet-id", [seeded.Id("subnet", "private-b")])] }, ct)).RouteTables;
        Assert.Empty(privateB ?? []); // no explicit association: the subnet uses the main table

        Assert.Equal([("vpc-0123456789abcdef0", seeded.VpcId), ("i-0aaaaaaaaaaaaaaaa", seeded.Id(SeedKinds.Instance, "app"))], seeded.FromSources().Select(r => (r.SourceId!, r.Id)));
    }

    private static AmazonEC2Client Ec2(MotoServer moto) =>
        new(TopologySeeder.Credentials, new AmazonEC2Config { ServiceURL = moto.Url, AuthenticationRegion = MotoServer.Region });

    private static async Task<List<Instance>> InstancesAsync(AmazonEC2Client ec2, CancellationToken ct) =>
        [.. (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest(), ct)).Reservations.SelectMany(r => r.Instances)];

    private static string Name(Instance instance) => instance.Tags.Single(t => t.Key == "Name").Value;
}
