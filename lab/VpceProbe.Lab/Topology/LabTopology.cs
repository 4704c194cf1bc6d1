using System.Text.Json;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// A lab topology as declared in lab/topologies/NAME.json: the AWS resources to create (applied by
/// <see cref="TopologySeeder"/> through ordinary API calls) and the lab-only addresses of the internet
/// namespace. Declarative on purpose: other tools (LocalStack seed scripts) are generated from the same file.
/// </summary>
public sealed record LabTopology(
    string Name,
    string Region,
    VpcSpec Vpc,
    NamedSpec? InternetGateway,
    IReadOnlyList<SubnetSpec> Subnets,
    IReadOnlyList<NatGatewaySpec> NatGateways,
    IReadOnlyList<RouteTableSpec> RouteTables,
    IReadOnlyList<SecurityGroupSpec> SecurityGroups,
    IReadOnlyList<RoleSpec> Roles,
    IReadOnlyList<InstanceSpec> Instances,
    IReadOnlyList<EndpointSpec> Endpoints,
    IReadOnlyList<BucketSpec> Buckets,
    IReadOnlyList<SecretSpec> Secrets,
    InternetSpec Internet)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The topologies shipped with the lab (embedded resources named topologies/NAME.json).</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        [.. typeof(LabTopology).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("topologies/", StringComparison.Ordinal))
            .Select(n => Path.GetFileNameWithoutExtension(n))];

    public static LabTopology Load(string name)
    {
        using var stream = typeof(LabTopology).Assembly.GetManifestResourceStream($"topologies/{name}.json")
            ?? throw new ArgumentException($"unknown topology '{name}' (known: {string.Join(", ", BuiltIn)})", nameof(name));
        return JsonSerializer.Deserialize<LabTopology>(stream, Json) ?? throw new InvalidDataException($"topology {name} is empty");
    }

    /// <summary>The service's public hostname in the topology's region ("s3" → s3.us-east-1.amazonaws.com).</summary>
    public string ServiceHost(string service) => $"{service}.{Region}.amazonaws.com";
}

public sealed record NamedSpec(string Name);

public sealed record VpcSpec(string Name, string Cidr, bool EnableDnsSupport, bool EnableDnsHostnames);

public sealed record SubnetSpec(string Name, string Cidr, string AvailabilityZone, string RouteTable);

public sealed record NatGatewaySpec(string Name, string Subnet);

public sealed record RouteTableSpec(string Name, IReadOnlyList<RouteSpec> Routes);

/// <summary>One route: a destination and exactly one target, by the target's name in the topology.</summary>
public sealed record RouteSpec(string Destination, string? InternetGateway, string? NatGateway);

public sealed record SecurityGroupSpec(string Name, string Description, IReadOnlyList<IngressSpec> Ingress);

public sealed record IngressSpec(string Protocol, int FromPort, int ToPort, string Cidr);

/// <param name="Policy">The role's inline policy document (IAM JSON), as written in the topology.</param>
public sealed record RoleSpec(string Name, string InstanceProfile, string TrustedService, System.Text.Json.JsonElement Policy);

public sealed record InstanceSpec(
    string Name, string Subnet, string PrivateIp, string ImageNamePattern, string InstanceType, string InstanceProfile,
    IReadOnlyList<string> SecurityGroups);

public sealed record EndpointSpec(string Service, string Type, IReadOnlyList<string> Subnets, IReadOnlyList<string> SecurityGroups, bool PrivateDns);

public sealed record BucketSpec(string Name, IReadOnlyDictionary<string, string> Objects);

public sealed record SecretSpec(string Name, string Value);

/// <param name="WebHosts">name → address of the internet namespace's web host.</param>
/// <param name="ServiceAddresses">service ("s3") → its public address in the internet namespace.</param>
public sealed record InternetSpec(IReadOnlyDictionary<string, string> WebHosts, IReadOnlyDictionary<string, string> ServiceAddresses);
