using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Discovery.Derivation;

namespace VpceProbe.Harness.Tests.Discovery.Derivation;

/// <summary>
/// Snapshots built in code for the derivation rules: 10.0.0.0/16 in us-east-1, a public subnet behind an internet
/// gateway, private subnet A (rtb-a, 0.0.0.0/0 to a NAT unless told otherwise) with i-a, private subnet B (rtb-b,
/// no default route) with i-b. Endpoints are added per test.
/// </summary>
internal static class DerivationVpc
{
    public const string TableA = "rtb-a";
    public const string TableB = "rtb-b";

    public static VpcSnapshot Build(bool natOnA = true, string? agentVersion = "3.3.40.0", params EndpointInfo[] endpoints) => new()
    {
        VpcId = "vpc-0123456789abcdef0",
        Region = "us-east-1",
        Cidrs = ["10.0.0.0/16"],
        EnableDnsSupport = true,
        EnableDnsHostnames = true,
        Subnets =
        [
            Subnet("subnet-pub", "us-east-1a", "rtb-pub", isPublic: true),
            Subnet("subnet-a", "us-east-1a", TableA),
            Subnet("subnet-b", "us-east-1b", TableB),
        ],
        RouteTables =
        [
            Table("rtb-pub", "subnet-pub", new RouteInfo("0.0.0.0/0", null, null, RouteTargetKind.InternetGateway, "igw-1", null, "active")),
            natOnA
                ? Table(TableA, "subnet-a", new RouteInfo("0.0.0.0/0", null, null, RouteTargetKind.NatGateway, "nat-1", null, "active"))
                : Table(TableA, "subnet-a"),
            Table(TableB, "subnet-b"),
        ],
        Endpoints = endpoints,
        Instances =
        [
            Instance("i-a", "subnet-a", "us-east-1a", agentVersion),
            Instance("i-b", "subnet-b", "us-east-1b", agentVersion),
        ],
    };

    public static EndpointInfo Interface(string service, bool privateDns = true, string id = "", string state = "available") => new()
    {
        Id = id.Length > 0 ? id : $"vpce-{service}",
        ServiceName = $"com.amazonaws.us-east-1.{service}",
        Type = EndpointType.Interface,
        State = state,
        PrivateDnsEnabled = privateDns,
        SecurityGroupIds = ["sg-endpoints"],
        DnsNames =
        [
            $"vpce-0abc-1234-us-east-1a.{service}.us-east-1.vpce.amazonaws.com",
            $"vpce-0abc-1234.{service}.us-east-1.vpce.amazonaws.com",
            .. privateDns ? new[] { $"{service}.us-east-1.amazonaws.com" } : [],
        ],
    };

    public static EndpointInfo Gateway(string service, string? policy = null, params string[] tables) => new()
    {
        Id = $"vpce-{service}-gw",
        ServiceName = $"com.amazonaws.us-east-1.{service}",
        Type = EndpointType.Gateway,
        State = "available",
        RouteTableIds = tables,
        PolicyDocument = policy,
    };

    public static DerivedPlan Derive(VpcSnapshot vpc, string instanceId, DerivationOptions? options = null, IDerivationRule? only = null) =>
        PlanDeriver.Derive(vpc, DerivationTarget.For(vpc, vpc.Instances.Single(i => i.Id == instanceId)), options ?? new(), only is null ? null : [only]);

    private static SubnetInfo Subnet(string id, string az, string table, bool isPublic = false) =>
        new(id, "10.0.0.0/24", az, table, true, isPublic, new Dictionary<string, string>());

    private static RouteTableInfo Table(string id, string subnet, params RouteInfo[] routes) =>
        new(id, false, [subnet], [new RouteInfo("10.0.0.0/16", null, null, RouteTargetKind.Local, "local", null, "active"), .. routes], new Dictionary<string, string>());

    private static InstanceInfo Instance(string id, string subnet, string az, string? agentVersion) => new()
    {
        Id = id, SubnetId = subnet, AvailabilityZone = az, State = "running", SsmPingStatus = "Online", SsmAgentVersion = agentVersion,
        Tags = new Dictionary<string, string> { ["Name"] = $"app-{id}" },
    };
}
