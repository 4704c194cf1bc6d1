namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The VPC as the data plane needs it, read from moto and <see cref="LabState"/>: only what decides where a
/// packet goes. Endpoints carry the lab's lifecycle (pending ones carry no traffic).
/// </summary>
internal sealed record VpcState(
    string VpcId,
    string Cidr,
    bool EnableDnsSupport,
    bool EnableDnsHostnames,
    IReadOnlyList<SubnetState> Subnets,
    IReadOnlyList<RouteTableState> RouteTables,
    IReadOnlyList<NatState> NatGateways,
    IReadOnlyList<EndpointState> Endpoints,
    IReadOnlyList<InstanceState> Instances,
    IReadOnlyList<SecurityGroupState> SecurityGroups)
{
    /// <summary>The network ACLs; a subnet whose ACL is not listed here is treated as the default ACL (allow all).</summary>
    public IReadOnlyList<NetworkAclState> NetworkAcls { get; init; } = [];
}

/// <param name="RouteTableId">The explicit association, else the VPC's main route table.</param>
/// <param name="NetworkAclId">The associated network ACL (every subnet has one in AWS: the default one unless another is associated).</param>
internal sealed record SubnetState(string Id, string Cidr, string RouteTableId, string? NetworkAclId = null);

internal sealed record RouteTableState(string Id, IReadOnlyList<RouteState> Routes);

/// <param name="TargetId">nat-…, igw-…, i-… (an instance), eni-… (an instance's interface), vpce-…, local…</param>
internal sealed record RouteState(string? DestinationCidr, string? DestinationPrefixListId, string? TargetId);

/// <param name="PrivateIp">moto's address when it lies in the subnet, else null (the router picks one).</param>
internal sealed record NatState(string Id, string SubnetId, string? PrivateIp);

/// <param name="Service">The SERVICE of com.amazonaws.REGION.SERVICE.</param>
internal sealed record EndpointState(
    string Id, string Type, string Service, EndpointLifecycle Lifecycle, bool PrivateDns,
    IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds, IReadOnlyList<string> RouteTableIds)
{
    public bool IsInterface => string.Equals(Type, "Interface", StringComparison.OrdinalIgnoreCase);

    public bool CarriesTraffic => Lifecycle == EndpointLifecycle.Available;
}

internal sealed record InstanceState(string Id, string SubnetId, string PrivateIp, IReadOnlyList<string> SecurityGroupIds)
{
    /// <summary>On (EC2's default): the instance may only send and receive its own traffic, so it cannot forward.</summary>
    public bool SourceDestCheck { get; init; } = true;

    /// <summary>A public IPv4 or Elastic IP: an internet gateway route carries its traffic.</summary>
    public bool HasPublicAddress { get; init; }

    /// <summary>Its ENIs, so a route to an ENI finds the instance.</summary>
    public IReadOnlyList<string> NetworkInterfaceIds { get; init; } = [];
}

internal sealed record SecurityGroupState(string Id, IReadOnlyList<SecurityGroupRule> Ingress)
{
    /// <summary>No rules: nothing leaves. A group made by CreateSecurityGroup has one allow-all egress rule (the default here).</summary>
    public IReadOnlyList<SecurityGroupRule> Egress { get; init; } = [SecurityGroupRule.AllTraffic];
}

/// <summary>One security group rule: a protocol and port range, and its peers (CIDRs, or the members of other groups).</summary>
/// <param name="Protocol">"-1" (all), "tcp", "udp", "icmp", or a protocol number.</param>
internal sealed record SecurityGroupRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> Cidrs, IReadOnlyList<string> PeerGroupIds)
{
    public static SecurityGroupRule AllTraffic { get; } = new("-1", null, null, ["0.0.0.0/0"], []);

    public bool Allows(int tcpPort) =>
        L4.Of(Protocol) is L4Protocol.All || (L4.Of(Protocol) is L4Protocol.Tcp && (FromPort is null or -1 || (FromPort <= tcpPort && tcpPort <= ToPort)));
}

/// <summary>A network ACL: its entries in both directions (the evaluation order is the rule number).</summary>
internal sealed record NetworkAclState(string Id, IReadOnlyList<NetworkAclEntry> Entries);

/// <param name="Protocol">"-1" (all), or a protocol number ("6" TCP, "17" UDP, "1" ICMP), as EC2 reports it.</param>
/// <param name="Cidr">The source (ingress) or destination (egress) range.</param>
internal sealed record NetworkAclEntry(int RuleNumber, bool Egress, string Protocol, int? FromPort, int? ToPort, string Cidr, bool Allow);
