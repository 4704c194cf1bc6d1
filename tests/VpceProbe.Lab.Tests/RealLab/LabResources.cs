using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>What a test adds to the shared lab through EC2 calls, taken away again (newest first) on dispose.</summary>
internal sealed class LabResources(AmazonEC2Client ec2) : IAsyncDisposable
{
    private readonly Stack<Func<Task>> _undo = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Anything else to put back on dispose (newest first, with the resources made here).</summary>
    public void Undo(Func<Task> undo) => _undo.Push(undo);

    public async Task<string> SubnetAsync(string vpcId, string cidr, string zone)
    {
        var id = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpcId, CidrBlock = cidr, AvailabilityZone = zone }, Ct)).Subnet.SubnetId;
        _undo.Push(() => ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = id }, CancellationToken.None));
        return id;
    }

    public async Task<string> RouteTableAsync(string vpcId, string subnetId)
    {
        var id = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpcId }, Ct)).RouteTable.RouteTableId;
        _undo.Push(() => ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = id }, CancellationToken.None));
        var association = (await ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = id, SubnetId = subnetId }, Ct)).AssociationId;
        _undo.Push(() => ec2.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = association }, CancellationToken.None));
        return id;
    }

    public async Task<string> NatGatewayAsync(string subnetId)
    {
        var allocation = (await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = DomainType.Vpc }, Ct)).AllocationId;
        _undo.Push(() => ec2.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = allocation }, CancellationToken.None));
        var id = (await ec2.CreateNatGatewayAsync(new CreateNatGatewayRequest { SubnetId = subnetId, AllocationId = allocation }, Ct)).NatGateway.NatGatewayId;
        _undo.Push(() => ec2.DeleteNatGatewayAsync(new DeleteNatGatewayRequest { NatGatewayId = id }, CancellationToken.None));
        return id;
    }

    /// <summary>An AZ as AWS recommends it: a public subnet routed to the internet gateway with a NAT gateway, and a private subnet routed to that NAT.</summary>
    public async Task<(string PublicTable, string Nat, string PrivateSubnet)> ZoneWithNatAsync(string vpcId, string zone, string publicCidr, string privateCidr, string internetGateway)
    {
        var publicSubnet = await SubnetAsync(vpcId, publicCidr, zone);
        var publicTable = await RouteTableAsync(vpcId, publicSubnet);
        await ec2.CreateRouteAsync(new CreateRouteRequest { RouteTableId = publicTable, DestinationCidrBlock = "0.0.0.0/0", GatewayId = internetGateway }, Ct);
        var nat = await NatGatewayAsync(publicSubnet);
        var privateSubnet = await SubnetAsync(vpcId, privateCidr, zone);
        var privateTable = await RouteTableAsync(vpcId, privateSubnet);
        await ec2.CreateRouteAsync(new CreateRouteRequest { RouteTableId = privateTable, DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = nat }, Ct);
        return (publicTable, nat, privateSubnet);
    }

    /// <summary>A group allowing everything in from <paramref name="ingressCidr"/> (and, as every new group, everything out).</summary>
    public async Task<string> SecurityGroupAsync(string vpcId, string ingressCidr)
    {
        var id = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = $"vpl-test-{Environment.ProcessId}-{_undo.Count}", Description = "lab test", VpcId = vpcId,
        }, Ct)).GroupId;
        _undo.Push(() => ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = id }, CancellationToken.None));
        await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = id, IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = ingressCidr }] }],
        }, Ct);
        return id;
    }

    /// <summary>An instance from the walkthrough instance's image; running and attached when this returns.</summary>
    public async Task<string> InstanceAsync(Walkthrough walkthrough, string subnetId, List<string> groups, bool publicAddress)
    {
        var image = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [walkthrough.InstanceId] }, Ct)).Reservations[0].Instances[0].ImageId;
        var id = (await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = image, InstanceType = InstanceType.T3Micro, MinCount = 1, MaxCount = 1,
            NetworkInterfaces = [new InstanceNetworkInterfaceSpecification { DeviceIndex = 0, SubnetId = subnetId, Groups = groups, AssociatePublicIpAddress = publicAddress }],
        }, Ct)).Reservation.Instances[0].InstanceId;
        _undo.Push(() => ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [id] }, CancellationToken.None));
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        while (_undo.TryPop(out var undo))
        {
            await undo();
        }
    }
}
