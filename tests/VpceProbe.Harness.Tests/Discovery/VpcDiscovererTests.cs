using Amazon.EC2;
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
        // moto answers S3's real ranges; the lab answers the address its S3 packets go to (its topology's internet),
        // so that what discovery and the explanations read is where the lab's packets really flow.
        var s3Range = backend.StartsWith("lab", StringComparison.Ordinal) ? "198.51.100.10/32" : "52.216.0.0/15";
        Assert.Contains(s3Range, snapshot.PrefixListCidrs[prefixRoute.DestinationPrefixListId!]);
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
    public async Task discover_keeps_what_a_twin_needs_tags_rules_route_targets_and_policies()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.22.0.0/16");
        await seed.TagAsync(seed.VpcId, ("Name", "shop"), ("team", "payments"));
        var publicSubnet = await seed.SubnetAsync("10.22.0.0/24", 'a');
        var privateSubnet = await seed.SubnetAsync("10.22.1.0/24", 'b');
        await seed.TagAsync(privateSubnet, ("Name", "shop-private"));
        var igw = await seed.InternetGatewayAsync();
        await seed.TagAsync(igw, ("Name", "shop-igw"));
        var natInstance = await seed.InstanceAsync(publicSubnet);
        await seed.Ec2.ModifyInstanceAttributeAsync(new() { InstanceId = natInstance, SourceDestCheck = false }, ct);
        var table = await seed.RouteTableAsync(privateSubnet);
        await seed.RouteAsync(table, "0.0.0.0/0", instanceId: natInstance);
        var peering = await seed.PeeringAsync("10.23.0.0/16");
        await seed.RouteAsync(table, "10.23.0.0/16", peeringId: peering);
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shop-*/*"}]}""";
        var s3 = await seed.GatewayEndpointAsync("s3", [table], policy);
        var lb = await seed.SecurityGroupAsync("lb", 443, "0.0.0.0/0");
        var app = await seed.SecurityGroupAsync("app", 8080);
        await seed.Ec2.AuthorizeSecurityGroupIngressAsync(new()
        {
            GroupId = app,
            IpPermissions = [new() { IpProtocol = "tcp", FromPort = 8080, ToPort = 8080, UserIdGroupPairs = [new() { GroupId = lb }] }],
        }, ct);
        await seed.TagAsync(app, ("Name", "shop-app"));
        var acl = await seed.NetworkAclAsync(
            [
                new() { RuleNumber = 90, Egress = false, Protocol = "6", RuleAction = RuleAction.Deny, CidrBlock = "0.0.0.0/0", PortRange = new() { From = 22, To = 22 } },
                new() { RuleNumber = 100, Egress = false, Protocol = "-1", RuleAction = RuleAction.Allow, CidrBlock = "0.0.0.0/0" },
            ],
            privateSubnet);
        await seed.TagAsync(acl, ("Name", "shop-private-nacl"));

        var snapshot = await Discoverer(moto).DescribeAsync(seed.VpcId, ct);

        Assert.Equal(("shop", "payments"), (snapshot.Tags["Name"], snapshot.Tags["team"]));
        Assert.Equal(["us-east-1a", "us-east-1b"], snapshot.AvailabilityZones);
        Assert.Equal(seed.MainRouteTableId, snapshot.MainRouteTableId);
        Assert.Equal("shop-private", snapshot.Subnets.Single(s => s.Id == privateSubnet).Tags["Name"]);
        Assert.Equal("shop-igw", Assert.Single(snapshot.InternetGateways).Tags["Name"]);
        var routes = snapshot.RouteTables.Single(t => t.Id == table).Routes;
        Assert.Contains(routes, r => r.DestinationCidr == "0.0.0.0/0" && r.TargetKind == RouteTargetKind.Instance && r.TargetId == natInstance);
        Assert.Contains(routes, r => r.DestinationCidr == "10.23.0.0/16" && r.TargetKind == RouteTargetKind.VpcPeering && r.TargetId == peering);
        Assert.False(snapshot.Instances.Single(i => i.Id == natInstance).SourceDestCheck);
        Assert.Equal(("x86_64", "t3.micro"), (snapshot.Instances[0].Architecture, snapshot.Instances[0].InstanceType));

        using var kept = System.Text.Json.JsonDocument.Parse(snapshot.Endpoints.Single(e => e.Id == s3).PolicyDocument!);
        Assert.Equal("arn:aws:s3:::shop-*/*", kept.RootElement.GetProperty("Statement")[0].GetProperty("Resource").GetString());
        var appGroup = snapshot.SecurityGroups.Single(g => g.Id == app);
        Assert.Equal(("shop-app", "app"), (appGroup.Tags["Name"], appGroup.Description));
        Assert.Equal([lb], Assert.Single(appGroup.Ingress).SourceGroupIds);
        Assert.Contains(appGroup.Egress, r => r.Protocol == "-1" && r.Cidrs.Contains("0.0.0.0/0"));
        var nacl = snapshot.NetworkAcls.Single(a => a.Id == acl);
        Assert.Equal("shop-private-nacl", nacl.Tags["Name"]);
        Assert.Equal([privateSubnet], nacl.SubnetIds);
        Assert.Contains(nacl.Entries, e => e is { RuleNumber: 90, Allow: false, Egress: false, Protocol: "6", FromPort: 22, ToPort: 22 });
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
        Assert.Null(snapshot.Instances[0].SsmAgentVersion);
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
