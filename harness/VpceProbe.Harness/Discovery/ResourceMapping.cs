using Amazon.EC2.Model;

namespace VpceProbe.Harness.Discovery;

/// <summary>SDK shapes to snapshot records. The SDK (v4) leaves absent lists null, hence the `?? []` everywhere.</summary>
internal static class ResourceMapping
{
    public static IReadOnlyList<string> Cidrs(Vpc vpc)
    {
        var v4 = (vpc.CidrBlockAssociationSet ?? [])
            .Where(a => a.CidrBlockState?.State?.Value is null or "associated")
            .Select(a => a.CidrBlock);
        var v6 = (vpc.Ipv6CidrBlockAssociationSet ?? [])
            .Where(a => a.Ipv6CidrBlockState?.State?.Value is null or "associated")
            .Select(a => a.Ipv6CidrBlock);
        var all = v4.Concat(v6).Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        return all.Count > 0 ? all : [vpc.CidrBlock];
    }

    public static NatGatewayInfo ToNatGateway(NatGateway nat)
    {
        var address = nat.NatGatewayAddresses?.FirstOrDefault();
        return new NatGatewayInfo(nat.NatGatewayId, nat.SubnetId, Lower(nat.State?.Value), address?.PrivateIp, address?.PublicIp)
        {
            ConnectivityType = nat.ConnectivityType?.Value,
            Tags = Tags(nat.Tags),
        };
    }

    public static EndpointInfo ToEndpoint(VpcEndpoint endpoint) => new()
    {
        Id = endpoint.VpcEndpointId,
        ServiceName = endpoint.ServiceName,
        Type = endpoint.VpcEndpointType?.Value switch
        {
            "Interface" => EndpointType.Interface,
            "GatewayLoadBalancer" => EndpointType.GatewayLoadBalancer,
            _ => EndpointType.Gateway,
        },
        State = Lower(endpoint.State?.Value),
        PrivateDnsEnabled = endpoint.PrivateDnsEnabled ?? false,
        PolicyDocument = endpoint.PolicyDocument,
        RouteTableIds = endpoint.RouteTableIds ?? [],
        SubnetIds = endpoint.SubnetIds ?? [],
        SecurityGroupIds = (endpoint.Groups ?? []).Select(g => g.GroupId).ToList(),
        NetworkInterfaceIds = endpoint.NetworkInterfaceIds ?? [],
        DnsNames = (endpoint.DnsEntries ?? []).Select(d => d.DnsName).Where(n => n is not null).ToList(),
        Tags = Tags(endpoint.Tags),
    };

    public static InstanceInfo ToInstance(Instance instance) => new()
    {
        Id = instance.InstanceId,
        SubnetId = instance.SubnetId,
        AvailabilityZone = instance.Placement?.AvailabilityZone,
        PrivateIp = instance.PrivateIpAddress,
        State = instance.State?.Name?.Value,
        Architecture = instance.Architecture?.Value,
        InstanceType = instance.InstanceType?.Value,
        ImageId = instance.ImageId,
        SourceDestCheck = instance.SourceDestCheck,
        IamInstanceProfileArn = instance.IamInstanceProfile?.Arn,
        SecurityGroupIds = (instance.SecurityGroups ?? []).Select(g => g.GroupId).ToList(),
        Tags = Tags(instance.Tags),
    };

    public static SecurityGroupInfo ToSecurityGroup(SecurityGroup group) => new(
        group.GroupId,
        group.GroupName,
        (group.IpPermissions ?? []).Select(ToRule).ToList(),
        (group.IpPermissionsEgress ?? []).Select(ToRule).ToList())
    {
        Description = group.Description,
        Tags = Tags(group.Tags),
    };

    public static InternetGatewayInfo ToInternetGateway(InternetGateway gateway) => new(gateway.InternetGatewayId, Tags(gateway.Tags));

    public static NetworkAclInfo ToNetworkAcl(NetworkAcl acl) => new(
        acl.NetworkAclId,
        acl.IsDefault ?? false,
        (acl.Associations ?? []).Select(a => a.SubnetId).Where(s => s is not null).ToList(),
        (acl.Entries ?? []).Select(e => new NetworkAclEntry(
            e.RuleNumber ?? 0,
            e.Egress ?? false,
            e.Protocol ?? "-1",
            e.RuleAction?.Value == "allow",
            e.CidrBlock,
            e.Ipv6CidrBlock,
            e.PortRange?.From,
            e.PortRange?.To)).ToList())
    {
        Tags = Tags(acl.Tags),
    };

    public static IReadOnlyDictionary<string, string> Tags(List<Tag>? tags) =>
        (tags ?? []).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value ?? "");

    private static SecurityGroupRule ToRule(IpPermission p) => new(
        p.IpProtocol ?? "-1",
        p.FromPort,
        p.ToPort,
        (p.Ipv4Ranges ?? []).Select(r => r.CidrIp).ToList(),
        (p.Ipv6Ranges ?? []).Select(r => r.CidrIpv6).ToList(),
        (p.UserIdGroupPairs ?? []).Select(g => g.GroupId).ToList(),
        (p.PrefixListIds ?? []).Select(l => l.Id).ToList());

    private static string Lower(string? value) => (value ?? "unknown").ToLowerInvariant();
}
