using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>Builds a VPC in moto, one resource per call, so each test seeds exactly the shape it checks.</summary>
public sealed class VpcSeed
{
    public const string Region = MotoServer.Region;

    private VpcSeed(IAmazonEC2 ec2, string vpcId, string mainRouteTableId)
    {
        Ec2 = ec2;
        VpcId = vpcId;
        MainRouteTableId = mainRouteTableId;
    }

    public IAmazonEC2 Ec2 { get; }

    public string VpcId { get; }

    public string MainRouteTableId { get; }

    public static async Task<VpcSeed> CreateAsync(IAmazonEC2 ec2, string cidr = "10.0.0.0/16", bool dnsSupport = true, bool dnsHostnames = true)
    {
        var ct = TestContext.Current.CancellationToken;
        var vpc = (await ec2.CreateVpcAsync(new() { CidrBlock = cidr }, ct)).Vpc;
        await ec2.ModifyVpcAttributeAsync(new() { VpcId = vpc.VpcId, EnableDnsSupport = dnsSupport }, ct);
        await ec2.ModifyVpcAttributeAsync(new() { VpcId = vpc.VpcId, EnableDnsHostnames = dnsHostnames }, ct);
        var tables = await ec2.DescribeRouteTablesAsync(
            new() { Filters = [new("vpc-id", [vpc.VpcId]), new("association.main", ["true"])] }, ct);
        return new VpcSeed(ec2, vpc.VpcId, tables.RouteTables.Single().RouteTableId);
    }

    public static string Az(char letter) => $"{Region}{letter}";

    public async Task<string> SubnetAsync(string cidr, char az) =>
        (await Ec2.CreateSubnetAsync(new() { VpcId = VpcId, CidrBlock = cidr, AvailabilityZone = Az(az) }, Ct)).Subnet.SubnetId;

    /// <summary>A new route table explicitly associated with <paramref name="subnetIds"/>.</summary>
    public async Task<string> RouteTableAsync(params string[] subnetIds)
    {
        var id = (await Ec2.CreateRouteTableAsync(new() { VpcId = VpcId }, Ct)).RouteTable.RouteTableId;
        foreach (var subnet in subnetIds)
        {
            await Ec2.AssociateRouteTableAsync(new() { RouteTableId = id, SubnetId = subnet }, Ct);
        }

        return id;
    }

    public async Task<string> InternetGatewayAsync()
    {
        var id = (await Ec2.CreateInternetGatewayAsync(new(), Ct)).InternetGateway.InternetGatewayId;
        await Ec2.AttachInternetGatewayAsync(new() { InternetGatewayId = id, VpcId = VpcId }, Ct);
        return id;
    }

    public async Task<string> NatGatewayAsync(string publicSubnetId)
    {
        var allocation = (await Ec2.AllocateAddressAsync(new() { Domain = DomainType.Vpc }, Ct)).AllocationId;
        return (await Ec2.CreateNatGatewayAsync(new() { SubnetId = publicSubnetId, AllocationId = allocation }, Ct)).NatGateway.NatGatewayId;
    }

    public Task RouteAsync(
        string routeTableId, string cidr, string? gatewayId = null, string? natGatewayId = null, string? instanceId = null, string? peeringId = null) =>
        Ec2.CreateRouteAsync(new()
        {
            RouteTableId = routeTableId,
            DestinationCidrBlock = cidr,
            GatewayId = gatewayId,
            NatGatewayId = natGatewayId,
            InstanceId = instanceId,
            VpcPeeringConnectionId = peeringId,
        }, Ct);

    public async Task<string> GatewayEndpointAsync(string service, IEnumerable<string> routeTableIds, string? policy = null) =>
        (await Ec2.CreateVpcEndpointAsync(new()
        {
            VpcId = VpcId,
            VpcEndpointType = VpcEndpointType.Gateway,
            ServiceName = $"com.amazonaws.{Region}.{service}",
            RouteTableIds = [.. routeTableIds],
            PolicyDocument = policy,
        }, Ct)).VpcEndpoint.VpcEndpointId;

    public async Task<string> InterfaceEndpointAsync(
        string service, IEnumerable<string> subnetIds, IEnumerable<string> securityGroupIds, bool privateDns = true, string? policy = null) =>
        (await Ec2.CreateVpcEndpointAsync(new()
        {
            VpcId = VpcId,
            VpcEndpointType = VpcEndpointType.Interface,
            ServiceName = $"com.amazonaws.{Region}.{service}",
            SubnetIds = [.. subnetIds],
            SecurityGroupIds = [.. securityGroupIds],
            PrivateDnsEnabled = privateDns,
            PolicyDocument = policy,
        }, Ct)).VpcEndpoint.VpcEndpointId;

    /// <summary>A security group allowing TCP <paramref name="port"/> from each CIDR (no ingress when none is given).</summary>
    public async Task<string> SecurityGroupAsync(string name, int port, params string[] cidrs)
    {
        var id = (await Ec2.CreateSecurityGroupAsync(new() { VpcId = VpcId, GroupName = $"{name}-{VpcId}", Description = name }, Ct)).GroupId;
        if (cidrs.Length > 0)
        {
            await Ec2.AuthorizeSecurityGroupIngressAsync(new()
            {
                GroupId = id,
                IpPermissions = [new() { IpProtocol = "tcp", FromPort = port, ToPort = port, Ipv4Ranges = [.. cidrs.Select(c => new IpRange { CidrIp = c })] }],
            }, Ct);
        }

        return id;
    }

    public async Task<string> InstanceAsync(string subnetId) =>
        (await Ec2.RunInstancesAsync(new() { ImageId = "ami-12c6146b", MinCount = 1, MaxCount = 1, InstanceType = InstanceType.T3Micro, SubnetId = subnetId }, Ct))
            .Reservation.Instances.Single().InstanceId;

    /// <summary>One instance in a VPC of its own, for commands that only need an instance id EC2 knows (`probe`).</summary>
    public static async Task<string> LoneInstanceAsync(AwsEndpoint aws)
    {
        var seed = await CreateAsync(aws.Clients.Ec2());
        return await seed.InstanceAsync(await seed.SubnetAsync("10.0.1.0/24", 'a'));
    }

    public Task TagAsync(string resourceId, params (string Key, string Value)[] tags) =>
        Ec2.CreateTagsAsync(new() { Resources = [resourceId], Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }, Ct);

    /// <summary>A network ACL with <paramref name="entries"/>, associated with <paramref name="subnetIds"/> (taken from their current ACL).</summary>
    public async Task<string> NetworkAclAsync(IEnumerable<CreateNetworkAclEntryRequest> entries, params string[] subnetIds)
    {
        var id = (await Ec2.CreateNetworkAclAsync(new() { VpcId = VpcId }, Ct)).NetworkAcl.NetworkAclId;
        foreach (var entry in entries)
        {
            entry.NetworkAclId = id;
            await Ec2.CreateNetworkAclEntryAsync(entry, Ct);
        }

        var current = await Ec2.DescribeNetworkAclsAsync(new() { Filters = [new("association.subnet-id", [.. subnetIds])] }, Ct);
        foreach (var association in current.NetworkAcls.SelectMany(a => a.Associations).Where(a => subnetIds.Contains(a.SubnetId)))
        {
            await Ec2.ReplaceNetworkAclAssociationAsync(new() { AssociationId = association.NetworkAclAssociationId, NetworkAclId = id }, Ct);
        }

        return id;
    }

    /// <summary>A peering connection from this VPC to a new VPC of <paramref name="peerCidr"/>.</summary>
    public async Task<string> PeeringAsync(string peerCidr)
    {
        var peer = (await Ec2.CreateVpcAsync(new() { CidrBlock = peerCidr }, Ct)).Vpc.VpcId;
        return (await Ec2.CreateVpcPeeringConnectionAsync(new() { VpcId = VpcId, PeerVpcId = peer }, Ct)).VpcPeeringConnection.VpcPeeringConnectionId;
    }

    public async Task<string> FlowLogAsync() =>
        (await Ec2.CreateFlowLogsAsync(new()
        {
            ResourceIds = [VpcId],
            ResourceType = FlowLogsResourceType.VPC,
            TrafficType = TrafficType.ALL,
            LogDestinationType = LogDestinationType.CloudWatchLogs,
            LogGroupName = $"flow-logs-{VpcId}",
            DeliverLogsPermissionArn = "arn:aws:iam::123456789012:role/flow-logs",
        }, Ct)).FlowLogIds.Single();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
