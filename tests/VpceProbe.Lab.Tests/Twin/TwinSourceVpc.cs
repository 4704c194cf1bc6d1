using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using VpceProbe.Harness.Discovery;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.Twin;

/// <summary>
/// A VPC in moto of a shape no built-in topology has, the source of a twin: three private subnets in two AZs
/// sharing one route table (NAT gateway, a peering route, the S3 gateway endpoint with a policy), a subnet on the
/// main table with no way out, one routed through a NAT instance, a NACL with a deny rule, security groups with
/// group peers, an endpoint for a service the lab does not serve, duplicate and missing Name tags, and
/// <see cref="Workers"/> extra instances to exceed --max-instances.
/// </summary>
internal sealed class TwinSourceVpc
{
    public const int Workers = 66;

    public const string S3Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shop-*/*"}]}""";

    private readonly IAmazonEC2 _ec2;

    private TwinSourceVpc(IAmazonEC2 ec2) => _ec2 = ec2;

    public string VpcId { get; private set; } = "";

    public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>Builds it in moto (<paramref name="prefix"/> keeps IAM names apart between tests) with <paramref name="workers"/> worker instances.</summary>
    public static async Task<TwinSourceVpc> CreateAsync(MotoServer moto, string prefix, int workers = Workers)
    {
        var vpc = new TwinSourceVpc(Ec2(moto));
        await vpc.BuildAsync(moto, prefix, workers);
        return vpc;
    }

    public static AmazonEC2Client Ec2(MotoServer moto) =>
        new(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey), new AmazonEC2Config { ServiceURL = moto.Url, AuthenticationRegion = MotoServer.Region });

    /// <summary>`discover --json` of the VPC, exactly as the harness writes it.</summary>
    public async Task<string> SnapshotJsonAsync(MotoServer moto)
    {
        using var ssm = new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient(
            new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig { ServiceURL = moto.Url, AuthenticationRegion = MotoServer.Region });
        var snapshot = await new VpcDiscoverer(_ec2, ssm, MotoServer.Region).DescribeAsync(VpcId, Ct);
        return SnapshotJson.Serialize(snapshot);
    }

    private async Task BuildAsync(MotoServer moto, string prefix, int workers)
    {
        VpcId = (await _ec2.CreateVpcAsync(new() { CidrBlock = "10.77.0.0/16" }, Ct)).Vpc.VpcId;
        await _ec2.ModifyVpcAttributeAsync(new() { VpcId = VpcId, EnableDnsHostnames = true }, Ct);
        await TagAsync(VpcId, ("Name", "shop"), ("team", "payments"));
        var igw = Ids["igw"] = (await _ec2.CreateInternetGatewayAsync(new(), Ct)).InternetGateway.InternetGatewayId;
        await _ec2.AttachInternetGatewayAsync(new() { InternetGatewayId = igw, VpcId = VpcId }, Ct);
        await TagAsync(igw, ("Name", "shop-igw"));

        var pub = await SubnetAsync("public", "10.77.0.0/24", 'a', "shop-public");
        await SubnetAsync("app-a", "10.77.1.0/24", 'a', "shop-app-a");
        await SubnetAsync("app-b", "10.77.2.0/24", 'b', "shop-app-b");
        await SubnetAsync("unnamed", "10.77.3.0/24", 'b', null);
        await SubnetAsync("isolated", "10.77.4.0/24", 'a', "shop-app-a"); // the same Name as app-a: the twin makes it unique
        await SubnetAsync("legacy", "10.77.5.0/24", 'b', "shop-legacy");

        var publicRt = await TableAsync("public-rt", "shop-public-rt", pub);
        await _ec2.CreateRouteAsync(new() { RouteTableId = publicRt, DestinationCidrBlock = "0.0.0.0/0", GatewayId = igw }, Ct);
        var allocation = (await _ec2.AllocateAddressAsync(new() { Domain = DomainType.Vpc }, Ct)).AllocationId;
        var nat = Ids["nat"] = (await _ec2.CreateNatGatewayAsync(new() { SubnetId = pub, AllocationId = allocation }, Ct)).NatGateway.NatGatewayId;
        await TagAsync(nat, ("Name", "shop-nat"));
        var privateRt = await TableAsync("private-rt", "shop-private-rt", Ids["app-a"], Ids["app-b"], Ids["unnamed"]);
        await _ec2.CreateRouteAsync(new() { RouteTableId = privateRt, DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = nat }, Ct);
        var peer = (await _ec2.CreateVpcAsync(new() { CidrBlock = "10.99.0.0/16" }, Ct)).Vpc.VpcId;
        var pcx = Ids["pcx"] = (await _ec2.CreateVpcPeeringConnectionAsync(new() { VpcId = VpcId, PeerVpcId = peer }, Ct)).VpcPeeringConnection.VpcPeeringConnectionId;
        await _ec2.CreateRouteAsync(new() { RouteTableId = privateRt, DestinationCidrBlock = "10.99.0.0/16", VpcPeeringConnectionId = pcx }, Ct);

        var lb = await GroupAsync("lb", "shop-lb", new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new() { CidrIp = "0.0.0.0/0" }] });
        await GroupAsync("app", "shop-app", new IpPermission { IpProtocol = "tcp", FromPort = 8080, ToPort = 8080, UserIdGroupPairs = [new() { GroupId = lb }] });
        await GroupAsync("endpoints", "shop-endpoints", new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new() { CidrIp = "10.77.0.0/16" }] });

        var natInstance = Ids["nat-instance"] = await InstanceAsync(pub, "10.77.0.20", null, ("Name", "shop-nat-instance"));
        await _ec2.ModifyInstanceAttributeAsync(new() { InstanceId = natInstance, SourceDestCheck = false }, Ct);
        var legacyRt = await TableAsync("legacy-rt", "shop-legacy-rt", Ids["legacy"]);
        await _ec2.CreateRouteAsync(new() { RouteTableId = legacyRt, DestinationCidrBlock = "0.0.0.0/0", InstanceId = natInstance }, Ct);

        var acl = Ids["nacl"] = (await _ec2.CreateNetworkAclAsync(new() { VpcId = VpcId }, Ct)).NetworkAcl.NetworkAclId;
        await TagAsync(acl, ("Name", "shop-private-nacl"));
        foreach (var (number, egress, protocol, allow, from) in new[] { (90, false, "6", false, 23), (100, false, "-1", true, 0), (100, true, "-1", true, 0) })
        {
            await _ec2.CreateNetworkAclEntryAsync(new()
            {
                NetworkAclId = acl, RuleNumber = number, Egress = egress, Protocol = protocol, CidrBlock = "0.0.0.0/0",
                RuleAction = allow ? RuleAction.Allow : RuleAction.Deny, PortRange = protocol == "6" ? new() { From = from, To = from } : null,
            }, Ct);
        }

        var associations = await _ec2.DescribeNetworkAclsAsync(new() { Filters = [new("association.subnet-id", [Ids["app-a"], Ids["app-b"]])] }, Ct);
        foreach (var association in associations.NetworkAcls.SelectMany(a => a.Associations).Where(a => a.SubnetId == Ids["app-a"] || a.SubnetId == Ids["app-b"]))
        {
            await _ec2.ReplaceNetworkAclAssociationAsync(new() { AssociationId = association.NetworkAclAssociationId, NetworkAclId = acl }, Ct);
        }

        Ids["s3"] = (await _ec2.CreateVpcEndpointAsync(new()
        {
            VpcId = VpcId, VpcEndpointType = VpcEndpointType.Gateway, ServiceName = $"com.amazonaws.{MotoServer.Region}.s3",
            RouteTableIds = [privateRt], PolicyDocument = S3Policy,
            TagSpecifications = [new() { ResourceType = ResourceType.VpcEndpoint, Tags = [new("Name", "shop-s3")] }],
        }, Ct)).VpcEndpoint.VpcEndpointId;
        Ids["kms"] = (await _ec2.CreateVpcEndpointAsync(new()
        {
            VpcId = VpcId, VpcEndpointType = VpcEndpointType.Interface, ServiceName = $"com.amazonaws.{MotoServer.Region}.kms",
            SubnetIds = [Ids["app-b"]], SecurityGroupIds = [Ids["endpoints"]], PrivateDnsEnabled = false,
        }, Ct)).VpcEndpoint.VpcEndpointId;

        var profile = $"{prefix}-app-profile";
        var iam = new SignedAwsCalls(new HttpClient(), new Uri(moto.Url), MotoServer.Region, TimeProvider.System);
        await iam.QueryAsync("iam", "CreateInstanceProfile", "2010-05-08", new Dictionary<string, string> { ["InstanceProfileName"] = profile }, Ct);
        Ids["app-i"] = await InstanceAsync(Ids["app-a"], "10.77.1.10", profile, ("Name", "shop-app"), ("Role", "app"));
        Ids["isolated-i"] = await InstanceAsync(Ids["isolated"], "10.77.4.10", profile, ("Name", "shop-app"), ("Role", "app"));
        Ids["unnamed-app"] = await InstanceAsync(Ids["unnamed"], null, null);
        Ids["legacy-app"] = await InstanceAsync(Ids["legacy"], null, null, ("Name", "shop-legacy-app"));
        if (workers > 0)
        {
            var fleet = await _ec2.RunInstancesAsync(new()
            {
                ImageId = "ami-12c6146b", MinCount = workers, MaxCount = workers, InstanceType = InstanceType.T3Micro, SubnetId = Ids["app-b"],
                SecurityGroupIds = [Ids["app"]],
                TagSpecifications = [new() { ResourceType = ResourceType.Instance, Tags = [new("Name", "shop-worker"), new("Role", "worker")] }],
            }, Ct);
            Ids["first-worker"] = fleet.Reservation.Instances[0].InstanceId;
        }
    }

    private async Task<string> SubnetAsync(string key, string cidr, char az, string? name)
    {
        var id = Ids[key] = (await _ec2.CreateSubnetAsync(new() { VpcId = VpcId, CidrBlock = cidr, AvailabilityZone = $"{MotoServer.Region}{az}" }, Ct)).Subnet.SubnetId;
        if (name is not null)
        {
            await TagAsync(id, ("Name", name));
        }

        return id;
    }

    private async Task<string> TableAsync(string key, string name, params string[] subnets)
    {
        var id = Ids[key] = (await _ec2.CreateRouteTableAsync(new() { VpcId = VpcId }, Ct)).RouteTable.RouteTableId;
        await TagAsync(id, ("Name", name));
        foreach (var subnet in subnets)
        {
            await _ec2.AssociateRouteTableAsync(new() { RouteTableId = id, SubnetId = subnet }, Ct);
        }

        return id;
    }

    private async Task<string> GroupAsync(string key, string name, IpPermission ingress)
    {
        var id = Ids[key] = (await _ec2.CreateSecurityGroupAsync(new() { VpcId = VpcId, GroupName = name, Description = $"{name} group" }, Ct)).GroupId;
        await _ec2.AuthorizeSecurityGroupIngressAsync(new() { GroupId = id, IpPermissions = [ingress] }, Ct);
        await TagAsync(id, ("tier", key));
        return id;
    }

    private async Task<string> InstanceAsync(string subnet, string? ip, string? profile, params (string Key, string Value)[] tags)
    {
        var request = new RunInstancesRequest
        {
            ImageId = "ami-12c6146b", MinCount = 1, MaxCount = 1, InstanceType = InstanceType.T3Micro, SubnetId = subnet, PrivateIpAddress = ip,
            SecurityGroupIds = profile is null ? null : [Ids["app"]],
            IamInstanceProfile = profile is null ? null : new IamInstanceProfileSpecification { Name = profile },
        };
        if (tags.Length > 0)
        {
            request.TagSpecifications = [new() { ResourceType = ResourceType.Instance, Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }];
        }

        return (await _ec2.RunInstancesAsync(request, Ct)).Reservation.Instances.Single().InstanceId;
    }

    private Task TagAsync(string id, params (string Key, string Value)[] tags) =>
        _ec2.CreateTagsAsync(new() { Resources = [id], Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }, Ct);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
