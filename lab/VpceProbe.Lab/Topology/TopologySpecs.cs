using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VpceProbe.Lab.Topology;

// The records of a topology file (schema version 2, lab/README.md). Optional fields have their AWS default
// here; `SourceId` is the real id a twin was made from (printed by `lab up` next to the lab's id).

internal sealed record VpcSpec
{
    public required string Name { get; init; }

    public required string Cidr { get; init; }

    /// <summary>AWS's default for a new VPC: DNS resolution on, DNS hostnames off.</summary>
    public bool EnableDnsSupport { get; init; } = true;

    public bool EnableDnsHostnames { get; init; }

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record InternetGatewaySpec
{
    public required string Name { get; init; }

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record SubnetSpec
{
    public required string Name { get; init; }

    public required string Cidr { get; init; }

    public required string AvailabilityZone { get; init; }

    /// <summary>Absent: the subnet has no association and uses the VPC's main route table.</summary>
    public string? RouteTable { get; init; }

    /// <summary>Absent: the VPC's default network ACL (allows everything).</summary>
    public string? NetworkAcl { get; init; }

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record NatGatewaySpec
{
    public required string Name { get; init; }

    public required string Subnet { get; init; }

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>An EC2 instance that forwards and masquerades for its routes (source/destination check off).</summary>
internal sealed record NatInstanceSpec
{
    public required string Name { get; init; }

    public required string Subnet { get; init; }

    public string? PrivateIp { get; init; }

    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    public string? InstanceType { get; init; }

    public string? ImageNamePattern { get; init; }

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record RouteTableSpec
{
    public required string Name { get; init; }

    /// <summary>True: these routes go into the VPC's main route table (no new table is made).</summary>
    public bool Main { get; init; }

    public IReadOnlyList<RouteSpec> Routes { get; init; } = [];

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>One route: a destination and exactly one target, by the target's name in the topology.</summary>
internal sealed record RouteSpec
{
    public required string Destination { get; init; }

    public string? InternetGateway { get; init; }

    public string? NatGateway { get; init; }

    public string? NatInstance { get; init; }
}

internal sealed record NetworkAclSpec
{
    public required string Name { get; init; }

    public IReadOnlyList<NetworkAclRuleSpec> Ingress { get; init; } = [];

    public IReadOnlyList<NetworkAclRuleSpec> Egress { get; init; } = [];

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>A stateless rule: evaluated in rule-number order, first match wins, then the implicit deny.</summary>
internal sealed record NetworkAclRuleSpec
{
    public required int RuleNumber { get; init; }

    /// <summary>"tcp", "udp", "icmp" or "-1" (all).</summary>
    public required string Protocol { get; init; }

    public int? FromPort { get; init; }

    public int? ToPort { get; init; }

    public required string Cidr { get; init; }

    /// <summary>"allow" or "deny".</summary>
    public required string Action { get; init; }
}

internal sealed record SecurityGroupSpec
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public IReadOnlyList<SecurityGroupRuleSpec> Ingress { get; init; } = [];

    /// <summary>Absent: AWS's default egress rule (all traffic to 0.0.0.0/0); present: exactly these rules.</summary>
    public IReadOnlyList<SecurityGroupRuleSpec>? Egress { get; init; }

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>A stateful rule with exactly one peer: a CIDR or another security group of the topology (by name).</summary>
internal sealed record SecurityGroupRuleSpec
{
    public required string Protocol { get; init; }

    public int? FromPort { get; init; }

    public int? ToPort { get; init; }

    public string? Cidr { get; init; }

    public string? SecurityGroup { get; init; }
}

/// <summary>An instance role with its inline policy document (IAM JSON, as written) and its instance profile.</summary>
internal sealed record RoleSpec
{
    public required string Name { get; init; }

    public required string InstanceProfile { get; init; }

    public string TrustedService { get; init; } = "ec2.amazonaws.com";

    public required JsonElement Policy { get; init; }
}

internal sealed record InstanceSpec
{
    public const string DefaultSsmAgentVersion = "3.3.1142.0";

    public required string Name { get; init; }

    public required string Subnet { get; init; }

    /// <summary>More than 1: instances NAME-1 … NAME-N.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Only with a count of 1; absent: the subnet's next free address.</summary>
    public string? PrivateIp { get; init; }

    /// <summary>"x86_64" or "arm64".</summary>
    public string Architecture { get; init; } = Architectures.X86;

    public string SsmAgentVersion { get; init; } = DefaultSsmAgentVersion;

    public string? InstanceType { get; init; }

    public string? ImageNamePattern { get; init; }

    public string? InstanceProfile { get; init; }

    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    [JsonIgnore]
    public string EffectiveInstanceType => InstanceType ?? Architectures.DefaultInstanceType(Architecture);

    [JsonIgnore]
    public string EffectiveImageNamePattern => ImageNamePattern ?? Architectures.DefaultImagePattern(Architecture);

    /// <summary>The Name tag of each instance: NAME for a count of 1, else NAME-1 … NAME-N.</summary>
    public IEnumerable<string> ExpandedNames() =>
        Count == 1 ? [Name] : Enumerable.Range(1, Math.Max(Count, 0)).Select(n => $"{Name}-{n.ToString(CultureInfo.InvariantCulture)}");
}

internal static class Architectures
{
    public const string X86 = "x86_64";
    public const string Arm = "arm64";

    public static IReadOnlyList<string> All { get; } = [X86, Arm];

    public static string DefaultInstanceType(string architecture) => architecture == Arm ? "t4g.micro" : "t3.micro";

    public static string DefaultImagePattern(string architecture) => $"al2023-ami-2023*-{architecture}";
}

internal sealed record EndpointSpec
{
    /// <summary>Its Name tag; absent: the service's name.</summary>
    public string? Name { get; init; }

    public required string Service { get; init; }

    /// <summary>"Interface" or "Gateway".</summary>
    public required string Type { get; init; }

    /// <summary>Gateway endpoints only.</summary>
    public IReadOnlyList<string> RouteTables { get; init; } = [];

    /// <summary>Interface endpoints only: at most one subnet per availability zone.</summary>
    public IReadOnlyList<string> Subnets { get; init; } = [];

    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>Interface endpoints only; absent: on (AWS's default for AWS services).</summary>
    public bool? PrivateDns { get; init; }

    /// <summary>Absent: AWS's default policy (full access).</summary>
    public JsonElement? Policy { get; init; }

    public string? SourceId { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    [JsonIgnore]
    public string DisplayName => Name ?? Service;

    [JsonIgnore]
    public bool IsGateway => Type == EndpointTypes.Gateway;
}

internal static class EndpointTypes
{
    public const string Interface = "Interface";
    public const string Gateway = "Gateway";
}

internal sealed record BucketSpec
{
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> Objects { get; init; } = new Dictionary<string, string>();
}

internal sealed record SecretSpec
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}

/// <summary>The lab's internet namespace: lab-only addresses, not part of the AWS state.</summary>
internal sealed record InternetSpec
{
    public string? Comment { get; init; }

    /// <summary>name → address of the internet namespace's web host.</summary>
    public required IReadOnlyDictionary<string, string> WebHosts { get; init; }

    /// <summary>service ("s3") → its public address in the internet namespace.</summary>
    public required IReadOnlyDictionary<string, string> ServiceAddresses { get; init; }
}
