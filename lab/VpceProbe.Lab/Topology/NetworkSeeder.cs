using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>Creates the VPC, its gateways, subnets, route tables and security groups, as a console user would.</summary>
internal sealed class NetworkSeeder(IAmazonEC2 ec2, List<SeededResource> made)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = topology.Vpc.Cidr, TagSpecifications = Tags("vpc", topology.Vpc.Name) }, ct).ConfigureAwait(false)).Vpc;
        Add("vpc", topology.Vpc.Name, vpc.VpcId);
        // AWS takes one attribute per ModifyVpcAttribute call.
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc.VpcId, EnableDnsSupport = topology.Vpc.EnableDnsSupport }, ct).ConfigureAwait(false);
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc.VpcId, EnableDnsHostnames = topology.Vpc.EnableDnsHostnames }, ct).ConfigureAwait(false);

        if (topology.InternetGateway is { } igwSpec)
        {
            var igw = (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest { TagSpecifications = Tags("internet-gateway", igwSpec.Name) }, ct).ConfigureAwait(false)).InternetGateway;
            await ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = igw.InternetGatewayId, VpcId = vpc.VpcId }, ct).ConfigureAwait(false);
            Add("internet-gateway", igwSpec.Name, igw.InternetGatewayId);
        }

        foreach (var subnet in topology.Subnets)
        {
            var created = await ec2.CreateSubnetAsync(new CreateSubnetRequest
            {
                VpcId = vpc.VpcId, CidrBlock = subnet.Cidr, AvailabilityZone = subnet.AvailabilityZone, TagSpecifications = Tags("subnet", subnet.Name),
            }, ct).ConfigureAwait(false);
            Add("subnet", subnet.Name, created.Subnet.SubnetId);
        }

        foreach (var nat in topology.NatGateways)
        {
            var eip = await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = DomainType.Vpc }, ct).ConfigureAwait(false);
            var created = await ec2.CreateNatGatewayAsync(new CreateNatGatewayRequest
            {
                SubnetId = Id("subnet", nat.Subnet), AllocationId = eip.AllocationId, TagSpecifications = Tags("natgateway", nat.Name),
            }, ct).ConfigureAwait(false);
            Add("nat-gateway", nat.Name, created.NatGateway.NatGatewayId);
        }

        foreach (var table in topology.RouteTables)
        {
            var rt = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc.VpcId, TagSpecifications = Tags("route-table", table.Name) }, ct).ConfigureAwait(false)).RouteTable;
            Add("route-table", table.Name, rt.RouteTableId);
            foreach (var route in table.Routes)
            {
                await ec2.CreateRouteAsync(new CreateRouteRequest
                {
                    RouteTableId = rt.RouteTableId,
                    DestinationCidrBlock = route.Destination,
                    GatewayId = route.InternetGateway is null ? null : Id("internet-gateway", route.InternetGateway),
                    NatGatewayId = route.NatGateway is null ? null : Id("nat-gateway", route.NatGateway),
                }, ct).ConfigureAwait(false);
            }
        }

        foreach (var subnet in topology.Subnets.Where(s => s.RouteTable is not null))
        {
            await ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = Id("route-table", subnet.RouteTable!), SubnetId = Id("subnet", subnet.Name) }, ct).ConfigureAwait(false);
        }

        foreach (var group in topology.SecurityGroups)
        {
            var sg = await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = group.Name, Description = group.Description, VpcId = vpc.VpcId }, ct).ConfigureAwait(false);
            Add("security-group", group.Name, sg.GroupId);
            if (group.Ingress.Count > 0)
            {
                await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
                {
                    GroupId = sg.GroupId,
                    IpPermissions = [.. group.Ingress.Select(i => new IpPermission { IpProtocol = i.Protocol, FromPort = i.FromPort, ToPort = i.ToPort, Ipv4Ranges = [new IpRange { CidrIp = i.Cidr }] })],
                }, ct).ConfigureAwait(false);
            }
        }
    }

    internal static List<TagSpecification> Tags(string resourceType, string name) =>
        [new TagSpecification { ResourceType = resourceType, Tags = [new Tag("Name", name)] }];

    private void Add(string kind, string name, string id) => made.Add(new SeededResource(kind, name, id));

    private string Id(string kind, string name) => made.First(r => r.Kind == kind && r.Name == name).Id;
}
