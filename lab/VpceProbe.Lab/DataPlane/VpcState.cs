namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The VPC as the data plane needs it, read from moto and <see cref="LabState"/>: only what decides where a
/// packet goes. Endpoints carry the lab's lifecycle (pending ones carry no traffic).
/// </summary>
public sealed record VpcState(
    string VpcId,
    string Cidr,
    bool EnableDnsSupport,
    bool EnableDnsHostnames,
    IReadOnlyList<SubnetState> Subnets,
    IReadOnlyList<RouteTableState> RouteTables,
    IReadOnlyList<NatState> NatGateways,
    IReadOnlyList<EndpointState> Endpoints,
    IReadOnlyList<InstanceState> Instances,
    IReadOnlyList<SecurityGroupState> SecurityGroups);

/// <param name="RouteTableId">The explicit association, else the VPC's main route table.</param>
public sealed record SubnetState(string Id, string Cidr, string RouteTableId);

public sealed record RouteTableState(string Id, IReadOnlyList<RouteState> Routes);

/// <param name="TargetId">nat-…, igw-…, vpce-…, local…</param>
public sealed record RouteState(string? DestinationCidr, string? DestinationPrefixListId, string? TargetId);

/// <param name="PrivateIp">moto's address when it lies in the subnet, else null (the router picks one).</param>
public sealed record NatState(string Id, string SubnetId, string? PrivateIp);

/// <param name="Service">The SERVICE of com.amazonaws.REGION.SERVICE.</param>
public sealed record EndpointState(
    string Id, string Type, string Service, EndpointLifecycle Lifecycle, bool PrivateDns,
    IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds, IReadOnlyList<string> RouteTableIds)
{
    public bool IsInterface => string.Equals(Type, "Interface", StringComparison.OrdinalIgnoreCase);

    public bool CarriesTraffic => Lifecycle == EndpointLifecycle.Available;
}

public sealed record InstanceState(string Id, string SubnetId, string PrivateIp, IReadOnlyList<string> SecurityGroupIds);

public sealed record SecurityGroupState(string Id, IReadOnlyList<IngressRule> Ingress);

/// <param name="Protocol">"-1" (all), "tcp", "udp", "icmp", or a number.</param>
public sealed record IngressRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> Cidrs, IReadOnlyList<string> SourceGroupIds)
{
    public bool Allows(int tcpPort) =>
        (Protocol is "-1" or "tcp" or "6") && (Protocol == "-1" || FromPort is null || (FromPort <= tcpPort && tcpPort <= ToPort));
}
