
namespace VpceProbe.Harness.Discovery;

/// <summary>
/// A VPC as the harness sees it, read only through Describe* calls. The run's preflight, its
/// after-cleanup verification, `discover`, `audit` and `cost` all work from this one model.
/// </summary>
internal sealed record VpcSnapshot
{
    /// <summary>The version of `discover --json`'s shape (README, "discover"); raised when a field changes meaning or goes away.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>First in the JSON, so a reader can refuse a shape it does not know before reading anything else.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string VpcId { get; init; }

    public required string Region { get; init; }

    /// <summary>The AZs the VPC's subnets are in (sorted); a twin makes its subnets in the same ones.</summary>
    public IReadOnlyList<string> AvailabilityZones => [.. Subnets.Select(s => s.AvailabilityZone).Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Cidrs { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The VPC's main route table: the one every subnet without an explicit association uses.</summary>
    public string? MainRouteTableId => RouteTables.FirstOrDefault(t => t.IsMain)?.Id;

    public bool EnableDnsSupport { get; init; }

    public bool EnableDnsHostnames { get; init; }

    public IReadOnlyList<SubnetInfo> Subnets { get; init; } = [];

    public IReadOnlyList<RouteTableInfo> RouteTables { get; init; } = [];

    public IReadOnlyList<NatGatewayInfo> NatGateways { get; init; } = [];

    public IReadOnlyList<InternetGatewayInfo> InternetGateways { get; init; } = [];

    /// <summary>The ids of <see cref="InternetGateways"/>; kept in the JSON for readers of the unversioned shape.</summary>
    public IReadOnlyList<string> InternetGatewayIds => [.. InternetGateways.Select(g => g.Id)];

    public IReadOnlyList<EndpointInfo> Endpoints { get; init; } = [];

    public IReadOnlyList<InstanceInfo> Instances { get; init; } = [];

    public IReadOnlyList<SecurityGroupInfo> SecurityGroups { get; init; } = [];

    public IReadOnlyList<NetworkAclInfo> NetworkAcls { get; init; } = [];

    /// <summary>Ids of VPC Flow Logs attached to the VPC (or to its subnets/ENIs).</summary>
    public IReadOnlyList<string> FlowLogIds { get; init; } = [];

    /// <summary>The CIDRs of every prefix list a route sends to (the gateway endpoints' service ranges), by prefix list id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PrefixListCidrs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>False when SSM could not be asked (an emulator without DescribeInstanceInformation, no permission): ping statuses are unknown, not offline.</summary>
    public bool SsmPingStatusKnown { get; init; } = true;

    /// <summary>What discovery could not find out, for a person (printed on stderr); the snapshot is still usable.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <param name="RouteTableId">The effective route table: the explicit association, else the VPC's main table.</param>
/// <param name="IsPublic">Its route table sends 0.0.0.0/0 to an internet gateway.</param>
internal sealed record SubnetInfo(
    string Id, string Cidr, string AvailabilityZone, string RouteTableId, bool ExplicitAssociation, bool IsPublic,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The AZ's id (use1-az1): the same physical AZ in every account, unlike its name.</summary>
    public string? AvailabilityZoneId { get; init; }
}

internal sealed record InternetGatewayInfo(string Id, IReadOnlyDictionary<string, string> Tags);

internal sealed record RouteTableInfo(
    string Id, bool IsMain, IReadOnlyList<string> SubnetIds, IReadOnlyList<RouteInfo> Routes, IReadOnlyDictionary<string, string> Tags);

internal enum RouteTargetKind
{
    Local,
    InternetGateway,
    EgressOnlyInternetGateway,
    NatGateway,
    Instance,
    NetworkInterface,
    VpcEndpoint,
    TransitGateway,
    VpcPeering,
    VirtualPrivateGateway,
    LocalGateway,
    CarrierGateway,
    CoreNetwork,
    Other,
}

/// <summary>One route. Exactly one destination is set; a gateway endpoint's route has a prefix list.</summary>
internal sealed record RouteInfo(
    string? DestinationCidr, string? DestinationIpv6Cidr, string? DestinationPrefixListId,
    RouteTargetKind TargetKind, string? TargetId, string? Origin, string? State)
{
    public string Destination => DestinationCidr ?? DestinationIpv6Cidr ?? DestinationPrefixListId ?? "?";
}

internal sealed record NatGatewayInfo(string Id, string SubnetId, string State, string? PrivateIp, string? PublicIp)
{
    /// <summary>public or private (AWS's ConnectivityType).</summary>
    public string? ConnectivityType { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal enum EndpointType
{
    Gateway,
    Interface,
    GatewayLoadBalancer,
}

internal sealed record EndpointInfo
{
    public required string Id { get; init; }

    /// <summary>com.amazonaws.REGION.SERVICE</summary>
    public required string ServiceName { get; init; }

    public EndpointType Type { get; init; }

    /// <summary>pending, available, deleting, deleted, failed... as AWS says it (lower case).</summary>
    public required string State { get; init; }

    public bool PrivateDnsEnabled { get; init; }

    public string? PolicyDocument { get; init; }

    public IReadOnlyList<string> RouteTableIds { get; init; } = [];

    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public IReadOnlyList<string> NetworkInterfaceIds { get; init; } = [];

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The SERVICE part of the service name ("s3", "secretsmanager", "ssm").</summary>
    public string ShortService => ServiceName[(ServiceName.LastIndexOf('.') + 1)..];
}

internal sealed record InstanceInfo
{
    public required string Id { get; init; }

    public required string SubnetId { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? PrivateIp { get; init; }

    /// <summary>running, stopped... (lower case).</summary>
    public string? State { get; init; }

    /// <summary>x86_64 or arm64.</summary>
    public string? Architecture { get; init; }

    public string? InstanceType { get; init; }

    public string? ImageId { get; init; }

    /// <summary>The SSM agent's version as SSM reports it (DescribeInstanceInformation AgentVersion); null when SSM does not know the instance or could not be asked. Decides the endpoints its agent needs (SsmControlPath).</summary>
    public string? SsmAgentVersion { get; init; }

    /// <summary>False for an instance that forwards traffic for others (a NAT instance).</summary>
    public bool? SourceDestCheck { get; init; }

    /// <summary>SSM's PingStatus (Online, ConnectionLost, Inactive); null when SSM does not know the instance.</summary>
    public string? SsmPingStatus { get; init; }

    public string? IamInstanceProfileArn { get; init; }

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record SecurityGroupInfo(string Id, string Name, IReadOnlyList<SecurityGroupRule> Ingress, IReadOnlyList<SecurityGroupRule> Egress)
{
    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <param name="Protocol">"-1" for all, "tcp", "udp", "icmp" (AWS's IpProtocol).</param>
internal sealed record SecurityGroupRule(
    string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> Cidrs, IReadOnlyList<string> Ipv6Cidrs,
    IReadOnlyList<string> SourceGroupIds, IReadOnlyList<string> PrefixListIds);

internal sealed record NetworkAclInfo(string Id, bool IsDefault, IReadOnlyList<string> SubnetIds, IReadOnlyList<NetworkAclEntry> Entries)
{
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <param name="Protocol">"-1" for all, or the protocol number as AWS gives it ("6" for tcp).</param>
internal sealed record NetworkAclEntry(int RuleNumber, bool Egress, string Protocol, bool Allow, string? Cidr, string? Ipv6Cidr, int? FromPort, int? ToPort);
