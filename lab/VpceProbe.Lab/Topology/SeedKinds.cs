namespace VpceProbe.Lab.Topology;

/// <summary>The kinds of <see cref="SeededResource"/> (names used by `lab up`'s listing and by tests).</summary>
internal static class SeedKinds
{
    public const string Vpc = "vpc";
    public const string InternetGateway = "internet-gateway";
    public const string Subnet = "subnet";
    public const string NatGateway = "nat-gateway";
    public const string NatInstance = "nat-instance";
    public const string RouteTable = "route-table";
    public const string NetworkAcl = "network-acl";
    public const string SecurityGroup = "security-group";
    public const string Role = "role";
    public const string InstanceProfile = "instance-profile";
    public const string Instance = "instance";
    public const string Endpoint = "endpoint";
    public const string Bucket = "bucket";
    public const string Secret = "secret";
}

/// <summary>Tags the seeder puts on instances for the lab's own use (read back by the SSM emulation and by scenarios).</summary>
internal static class LabTags
{
    /// <summary>The SSM agent version the lab's SSM emulation reports (DescribeInstanceInformation's AgentVersion).</summary>
    public const string SsmAgentVersion = "vpceprobe-lab:ssm-agent-version";

    /// <summary>The instance's entry in the topology (its name before `count` expansion): selects a fleet by tag.</summary>
    public const string TopologyName = "vpceprobe-lab:topology-name";
}
