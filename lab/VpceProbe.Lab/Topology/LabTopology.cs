namespace VpceProbe.Lab.Topology;

/// <summary>
/// A lab topology, schema version 2 (lab/README.md): the AWS resources to create (applied by
/// <see cref="TopologySeeder"/> through ordinary API calls) and the lab-only addresses of the internet namespace.
/// Declarative on purpose: other tools (LocalStack's seed script, `lab topology --from-snapshot`) read and write
/// the same file. Every reference is by name. Read files with <see cref="TopologyReader"/>, which validates them.
/// </summary>
internal sealed record LabTopology
{
    /// <summary>The only schema version this build reads and writes.</summary>
    public const int CurrentSchemaVersion = 2;

    public required int SchemaVersion { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Region { get; init; }

    public required VpcSpec Vpc { get; init; }

    /// <summary>Absent: the VPC has no internet gateway.</summary>
    public InternetGatewaySpec? InternetGateway { get; init; }

    public IReadOnlyList<SubnetSpec> Subnets { get; init; } = [];

    public IReadOnlyList<NatGatewaySpec> NatGateways { get; init; } = [];

    public IReadOnlyList<NatInstanceSpec> NatInstances { get; init; } = [];

    public IReadOnlyList<RouteTableSpec> RouteTables { get; init; } = [];

    public IReadOnlyList<NetworkAclSpec> NetworkAcls { get; init; } = [];

    public IReadOnlyList<SecurityGroupSpec> SecurityGroups { get; init; } = [];

    public IReadOnlyList<RoleSpec> Roles { get; init; } = [];

    public IReadOnlyList<InstanceSpec> Instances { get; init; } = [];

    public IReadOnlyList<EndpointSpec> Endpoints { get; init; } = [];

    public IReadOnlyList<BucketSpec> Buckets { get; init; } = [];

    public IReadOnlyList<SecretSpec> Secrets { get; init; } = [];

    public required InternetSpec Internet { get; init; }

    /// <summary>The topologies shipped with the lab (embedded resources named topologies/NAME.json).</summary>
    public static IReadOnlyList<string> BuiltIn => TopologyReader.BuiltIn;

    /// <summary>A built-in topology (validated); throws for an unknown name or an invalid file (a build defect).</summary>
    public static LabTopology Load(string name) => TopologyReader.Load(name).Topology
        ?? throw new InvalidDataException($"topology {name} is invalid: {string.Join("; ", TopologyReader.Load(name).Errors)}");

    /// <summary>Every EC2 instance the topology makes (instances expanded by count, then NAT instances), by name.</summary>
    public IEnumerable<string> InstanceNames() =>
        Instances.SelectMany(i => i.ExpandedNames()).Concat(NatInstances.Select(n => n.Name));
}
