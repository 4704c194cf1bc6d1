namespace VpceProbe.Harness.Discovery;

/// <summary>
/// A VPC as the harness sees it, read only through Describe* calls. The run's preflight, its
/// after-cleanup verification, `discover`, `audit` and `cost` all work from this one model.
/// </summary>
public sealed record VpcSnapshot
{
    public required string VpcId { get; init; }

    public required string Region { get; init; }

    public IReadOnlyList<string> Cidrs { get; init; } = [];

    public bool EnableDnsSupport { get; init; }

    public bool EnableDnsHostnames { get; init; }

    public IReadOnlyList<SubnetInfo> Subnets { get; init; } = [];

    public IReadOnlyList<RouteTableInfo> RouteTables { get; init; } = [];

    public IReadOnlyList<NatGatewayInfo> NatGateways { get; init; } = [];

    public IReadOnlyList<string> InternetGatewayIds { get; init; } = [];

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
public sealed record SubnetInfo(
    string Id, string Cidr, string AvailabilityZone, string RouteTableId, bool ExplicitAssociation, bool IsPublic,
    IReadOnlyDictionary<string, string> Tags);

public sealed record RouteTableInfo(
    string Id, bool IsMain, IReadOnlyList<string> SubnetIds, IReadOnlyList<RouteInfo> Routes, IReadOnlyDictionary<string, string> Tags);

public enum RouteTargetKind
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
    Other,
}

/// <summary>One route. Exactly one destination is set; a gateway endpoint's route has a prefix list.</summary>
public sealed record RouteInfo(
    string? DestinationCidr, string? DestinationIpv6Cidr, string? DestinationPrefixListId,
    RouteTargetKind TargetKind, string? TargetId, string? Origin, string? State)
{
    public string Destination => DestinationCidr ?? DestinationIpv6Cidr ?? DestinationPrefixListId ?? "?";
}

public sealed record NatGatewayInfo(string Id, string SubnetId, string State, string? PrivateIp, string? PublicIp);

public enum EndpointType
{
    Gateway,
    Interface,
    GatewayLoadBalancer,
}

public sealed record EndpointInfo
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

public sealed record InstanceInfo
{
    public required string Id { get; init; }

    public required string SubnetId { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? PrivateIp { get; init; }

    /// <summary>running, stopped... (lower case).</summary>
    public string? State { get; init; }

    /// <summary>x86_64 or arm64.</summary>
    public string? Architecture { get; init; }

    /// <summary>SSM's PingStatus (Online, ConnectionLost, Inactive); null when SSM does not know the instance.</summary>
    public string? SsmPingStatus { get; init; }

    /// <summary>The SSM agent's version as SSM reports it ("3.3.40.0"); null when SSM does not know the instance or could not be asked.</summary>
    public string? SsmAgentVersion { get; init; }

    public string? IamInstanceProfileArn { get; init; }

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

public sealed record SecurityGroupInfo(string Id, string Name, IReadOnlyList<SecurityGroupRule> Ingress, IReadOnlyList<SecurityGroupRule> Egress);

/// <param name="Protocol">"-1" for all, "tcp", "udp", "icmp" (AWS's IpProtocol).</param>
public sealed record SecurityGroupRule(
    string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> Cidrs, IReadOnlyList<string> Ipv6Cidrs,
    IReadOnlyList<string> SourceGroupIds, IReadOnlyList<string> PrefixListIds);

public sealed record NetworkAclInfo(string Id, bool IsDefault, IReadOnlyList<string> SubnetIds, IReadOnlyList<NetworkAclEntry> Entries);

/// <param name="Protocol">"-1" for all, or the protocol number as AWS gives it ("6" for tcp).</param>
public sealed record NetworkAclEntry(int RuleNumber, bool Egress, string Protocol, bool Allow, string? Cidr, string? Ipv6Cidr, int? FromPort, int? ToPort);
