using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.DataPlane;

/// <summary>Reads the lab's VPC from moto (Describe* calls in parallel) and overlays the lab's endpoint lifecycle.</summary>
internal sealed class VpcStateReader(IAmazonEC2 ec2, LabState state)
{
    /// <summary>The lab models one VPC: the first non-default one. Null while there is none.</summary>
    public async Task<VpcState?> ReadAsync(CancellationToken ct)
    {
        var vpcs = await ec2.DescribeVpcsAsync(new DescribeVpcsRequest(), ct).ConfigureAwait(false);
        var vpc = vpcs.Vpcs.FirstOrDefault(v => v.IsDefault != true);
        if (vpc is null)
        {
            return null;
        }

        var byVpc = new List<Filter> { new("vpc-id", [vpc.VpcId]) };
        var dnsSupport = ec2.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpc.VpcId, Attribute = VpcAttributeName.EnableDnsSupport }, ct);
        var dnsHostnames = ec2.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpc.VpcId, Attribute = VpcAttributeName.EnableDnsHostnames }, ct);
        var subnets = ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = byVpc }, ct);
        var tables = ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = byVpc }, ct);
        var nats = ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = byVpc }, ct);
        var endpoints = ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { Filters = byVpc }, ct);
        var instances = ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = byVpc }, ct);
        var groups = ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = byVpc }, ct);
        var acls = ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = byVpc }, ct);
        await Task.WhenAll(dnsSupport, dnsHostnames, subnets, tables, nats, endpoints, instances, groups, acls).ConfigureAwait(false);

        var routeTables = (await tables.ConfigureAwait(false)).RouteTables ?? [];
        var mainTable = routeTables.FirstOrDefault(t => t.Associations?.Any(a => a.Main == true) == true)?.RouteTableId ?? "";
        string TableOf(string subnetId) =>
            routeTables.FirstOrDefault(t => t.Associations?.Any(a => a.SubnetId == subnetId) == true)?.RouteTableId ?? mainTable;

        var networkAcls = (await acls.ConfigureAwait(false)).NetworkAcls ?? [];
        var securityGroups = (await groups.ConfigureAwait(false)).SecurityGroups ?? [];
        string? AclOf(string subnetId) => networkAcls.FirstOrDefault(a => a.Associations?.Any(x => x.SubnetId == subnetId) == true)?.NetworkAclId;

        var subnetStates = ((await subnets.ConfigureAwait(false)).Subnets ?? [])
            .Select(s => new SubnetState(s.SubnetId, s.CidrBlock, TableOf(s.SubnetId), AclOf(s.SubnetId))).ToList();
        return new VpcState(
            vpc.VpcId,
            vpc.CidrBlock,
            (await dnsSupport.ConfigureAwait(false)).EnableDnsSupport == true,
            (await dnsHostnames.ConfigureAwait(false)).EnableDnsHostnames == true,
            subnetStates,
            [.. routeTables.Select(t => new RouteTableState(t.RouteTableId, [.. (t.Routes ?? []).Where(r => r.State != Amazon.EC2.RouteState.Blackhole)
                .Select(r => new RouteState(r.DestinationCidrBlock, r.DestinationPrefixListId, r.NatGatewayId ?? r.GatewayId ?? r.InstanceId ?? r.NetworkInterfaceId))]))],
            [.. ((await nats.ConfigureAwait(false)).NatGateways ?? []).Where(n => n.State == NatGatewayState.Available || n.State == NatGatewayState.Pending)
                .Select(n => new NatState(n.NatGatewayId, n.SubnetId, InSubnet(n.NatGatewayAddresses?.FirstOrDefault()?.PrivateIp, subnetStates, n.SubnetId)))],
            [.. ((await endpoints.ConfigureAwait(false)).VpcEndpoints ?? []).Where(e => e.State != Amazon.EC2.State.Deleted && e.State != Amazon.EC2.State.Deleting)
                .Select(e => new EndpointState(e.VpcEndpointId, e.VpcEndpointType?.Value ?? "Gateway", e.ServiceName[(e.ServiceName.LastIndexOf('.') + 1)..],
                    state.EndpointInForce(e.VpcEndpointId), e.PrivateDnsEnabled == true, e.SubnetIds ?? [], [.. (e.Groups ?? []).Select(g => g.GroupId)], e.RouteTableIds ?? []))
                .Where(e => e.Lifecycle != EndpointLifecycle.Deleted)],
            [.. ((await instances.ConfigureAwait(false)).Reservations ?? []).SelectMany(r => r.Instances ?? [])
                .Where(i => i.State?.Name != InstanceStateName.Terminated && i.State?.Name != InstanceStateName.ShuttingDown && i.PrivateIpAddress is not null)
                .Select(i => new InstanceState(i.InstanceId, i.SubnetId, i.PrivateIpAddress, GroupsOf(i, securityGroups))
                {
                    SourceDestCheck = i.SourceDestCheck != false,
                    HasPublicAddress = !string.IsNullOrEmpty(i.PublicIpAddress),
                    NetworkInterfaceIds = [.. (i.NetworkInterfaces ?? []).Select(n => n.NetworkInterfaceId)],
                })],
            [.. securityGroups.Select(g => new SecurityGroupState(g.GroupId, Rules(g.IpPermissions)) { Egress = Rules(g.IpPermissionsEgress) })])
        {
            NetworkAcls = [.. networkAcls.Select(a => new NetworkAclState(a.NetworkAclId, [.. (a.Entries ?? []).Where(e => e.CidrBlock is not null).Select(e =>
                new NetworkAclEntry(e.RuleNumber ?? 32767, e.Egress == true, e.Protocol ?? "-1", e.PortRange?.From, e.PortRange?.To, e.CidrBlock, e.RuleAction == RuleAction.Allow))]))],
        };
    }

    /// <summary>
    /// An instance launched with a network interface specification has its groups on the interface (moto lists none
    /// on the instance); one launched with none has the VPC's default group, as in AWS.
    /// </summary>
    private static List<string> GroupsOf(Instance instance, List<SecurityGroup> groups)
    {
        // The instance's own list first: moto's ModifyInstanceAttribute Groups changes it and leaves the interface's stale.
        List<string> own = [.. (instance.SecurityGroups ?? []).Select(g => g.GroupId)];
        List<string> onInterfaces = [.. (instance.NetworkInterfaces ?? []).SelectMany(n => n.Groups ?? []).Select(g => g.GroupId).Distinct()];
        return own.Count > 0 ? own : onInterfaces.Count > 0 ? onInterfaces : [.. groups.Where(g => g.GroupName == "default").Select(g => g.GroupId)];
    }

    private static List<SecurityGroupRule> Rules(List<IpPermission>? permissions) =>
        [.. (permissions ?? []).Select(p => new SecurityGroupRule(
            p.IpProtocol, p.FromPort, p.ToPort, [.. (p.Ipv4Ranges ?? []).Select(r => r.CidrIp)], [.. (p.UserIdGroupPairs ?? []).Select(u => u.GroupId)]))];

    /// <summary>moto hands out private addresses outside the subnet for NAT gateways; those are ignored.</summary>
    private static string? InSubnet(string? address, IReadOnlyList<SubnetState> subnets, string subnetId) =>
        address is not null && subnets.FirstOrDefault(s => s.Id == subnetId) is { } subnet && Cidr.Parse(subnet.Cidr).Contains(System.Net.IPAddress.Parse(address))
            ? address
            : null;
}
