using System.Text.Json;
using System.Text.Json.Serialization;

namespace VpceProbe.Lab.Twin;

// `vpceprobe discover --json` as documented in README ("discover"), read by its JSON shape only: the lab does not
// reference the harness, and a snapshot taken by another version of vpceprobe is read the same way. Only what a
// twin uses is declared; other fields are ignored.

internal sealed record SnapshotDocument
{
    /// <summary>The versions of discover's shape this reader knows.</summary>
    public const int KnownSchemaVersion = 1;

    public int SchemaVersion { get; init; }

    public string VpcId { get; init; } = "";

    public string Region { get; init; } = "";

    public IReadOnlyList<string> Cidrs { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public bool EnableDnsSupport { get; init; }

    public bool EnableDnsHostnames { get; init; }

    public IReadOnlyList<SnapshotSubnet> Subnets { get; init; } = [];

    public IReadOnlyList<SnapshotRouteTable> RouteTables { get; init; } = [];

    public IReadOnlyList<SnapshotNatGateway> NatGateways { get; init; } = [];

    public IReadOnlyList<SnapshotTagged> InternetGateways { get; init; } = [];

    public IReadOnlyList<SnapshotEndpoint> Endpoints { get; init; } = [];

    public IReadOnlyList<SnapshotInstance> Instances { get; init; } = [];

    public IReadOnlyList<SnapshotSecurityGroup> SecurityGroups { get; init; } = [];

    public IReadOnlyList<SnapshotNetworkAcl> NetworkAcls { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

internal sealed record SnapshotTagged
{
    public string Id { get; init; } = "";

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record SnapshotSubnet
{
    public string Id { get; init; } = "";

    public string Cidr { get; init; } = "";

    public string AvailabilityZone { get; init; } = "";

    public string RouteTableId { get; init; } = "";

    public bool ExplicitAssociation { get; init; }

    public bool IsPublic { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record SnapshotRouteTable
{
    public string Id { get; init; } = "";

    public bool IsMain { get; init; }

    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    public IReadOnlyList<SnapshotRoute> Routes { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <param name="TargetKind">discover's camelCase kind: local, internetGateway, natGateway, instance, vpcEndpoint, vpcPeering…</param>
internal sealed record SnapshotRoute(
    string? DestinationCidr, string? DestinationIpv6Cidr, string? DestinationPrefixListId, string TargetKind, string? TargetId)
{
    public string Destination => DestinationCidr ?? DestinationIpv6Cidr ?? DestinationPrefixListId ?? "?";
}

internal sealed record SnapshotNatGateway
{
    public string Id { get; init; } = "";

    public string SubnetId { get; init; } = "";

    public string State { get; init; } = "";

    public string? ConnectivityType { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record SnapshotEndpoint
{
    public string Id { get; init; } = "";

    public string ServiceName { get; init; } = "";

    /// <summary>gateway, interface, gatewayLoadBalancer.</summary>
    public string Type { get; init; } = "";

    public string State { get; init; } = "";

    public bool PrivateDnsEnabled { get; init; }

    public string? PolicyDocument { get; init; }

    public IReadOnlyList<string> RouteTableIds { get; init; } = [];

    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record SnapshotInstance
{
    public string Id { get; init; } = "";

    public string SubnetId { get; init; } = "";

    public string? PrivateIp { get; init; }

    public string? State { get; init; }

    public string? Architecture { get; init; }

    public string? InstanceType { get; init; }

    public string? SsmAgentVersion { get; init; }

    public bool? SourceDestCheck { get; init; }

    public string? IamInstanceProfileArn { get; init; }

    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record SnapshotSecurityGroup
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public IReadOnlyList<SnapshotSecurityGroupRule> Ingress { get; init; } = [];

    public IReadOnlyList<SnapshotSecurityGroupRule> Egress { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record SnapshotSecurityGroupRule
{
    public string Protocol { get; init; } = "-1";

    public int? FromPort { get; init; }

    public int? ToPort { get; init; }

    public IReadOnlyList<string> Cidrs { get; init; } = [];

    public IReadOnlyList<string> Ipv6Cidrs { get; init; } = [];

    public IReadOnlyList<string> SourceGroupIds { get; init; } = [];

    public IReadOnlyList<string> PrefixListIds { get; init; } = [];
}

internal sealed record SnapshotNetworkAcl
{
    public string Id { get; init; } = "";

    public bool IsDefault { get; init; }

    public IReadOnlyList<string> SubnetIds { get; init; } = [];

    public IReadOnlyList<SnapshotNetworkAclEntry> Entries { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <param name="Protocol">AWS's protocol number ("6" tcp, "17" udp, "1" icmp, "-1" all).</param>
internal sealed record SnapshotNetworkAclEntry(int RuleNumber, bool Egress, string Protocol, bool Allow, string? Cidr, string? Ipv6Cidr, int? FromPort, int? ToPort);
