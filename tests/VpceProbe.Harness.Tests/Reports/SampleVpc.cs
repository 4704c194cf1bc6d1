using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Tests.Reports;

/// <summary>
/// The VPC of <see cref="SampleRun"/>, phase by phase: two AZs, a public subnet with the NAT, three private subnets
/// (10.0.12.0/24 sorts after 10.0.2.0/24), an ssm interface endpoint and a deleted one that must not be drawn.
/// </summary>
internal static class SampleVpc
{
    public const string InstanceA = "i-0a1b2c3d4e5f60001";
    public const string InstanceB = "i-0a1b2c3d4e5f60002";

    private static readonly Dictionary<string, string> NoTags = [];

    public static VpcSnapshot Before(string appName = "app-a") => new()
    {
        VpcId = "vpc-0123456789abcdef0",
        Region = "us-east-1",
        Cidrs = ["10.0.0.0/16"],
        EnableDnsSupport = true,
        EnableDnsHostnames = true,
        Subnets =
        [
            new("subnet-0c", "10.0.12.0/24", "us-east-1b", "rtb-0bb", true, false, Name("twtechPrivateB2")),
            new("subnet-0pa", "10.0.0.0/24", "us-east-1a", "rtb-0pub", true, true, Name("twtechPublicA")),
            new("subnet-0a", "10.0.1.0/24", "us-east-1a", "rtb-0bb", true, false, Name("twtechPrivateA")),
            new("subnet-0b", "10.0.2.0/24", "us-east-1b", "rtb-0bb", true, false, Name("twtechPrivateB")),
        ],
        RouteTables =
        [
            new("rtb-0pub", false, ["subnet-0pa"], [Local(), new("0.0.0.0/0", null, null, RouteTargetKind.InternetGateway, "igw-0ee", "CreateRoute", "active")], Name("twtechPublicRT")),
            new("rtb-0bb", false, ["subnet-0a", "subnet-0b", "subnet-0c"], [Local(), NatRoute()], Name("twtechPrivateRT")),
        ],
        NatGateways = [new("nat-0aa", "subnet-0pa", "available", "10.0.0.5", "203.0.113.5")],
        InternetGateways = [new("igw-0ee", new Dictionary<string, string>())],
        Endpoints =
        [
            Interface("vpce-0ssm", "ssm", "available", ["subnet-0a", "subnet-0b"]),
            Interface("vpce-0old", "kms", "deleted", ["subnet-0a"]),
        ],
        Instances =
        [
            new InstanceInfo { Id = InstanceA, SubnetId = "subnet-0a", AvailabilityZone = "us-east-1a", PrivateIp = "10.0.1.10", State = "running", Tags = Name(appName) },
            new InstanceInfo { Id = InstanceB, SubnetId = "subnet-0b", AvailabilityZone = "us-east-1b", PrivateIp = "10.0.2.10", State = "running", Tags = Name("app-b") },
        ],
    };

    public static VpcSnapshot NatRemoved(VpcSnapshot before) => before with
    {
        RouteTables = [before.RouteTables[0], before.RouteTables[1] with { Routes = [Local()] }],
    };

    public static VpcSnapshot WithEndpoints(VpcSnapshot natRemoved) => natRemoved with
    {
        RouteTables =
        [
            natRemoved.RouteTables[0],
            natRemoved.RouteTables[1] with { Routes = [Local(), new(null, null, "pl-63a5400a", RouteTargetKind.VpcEndpoint, "vpce-0cc", "CreateRouteTable", "active")] },
        ],
        Endpoints =
        [
            .. natRemoved.Endpoints,
            new EndpointInfo { Id = "vpce-0cc", ServiceName = "com.amazonaws.us-east-1.s3", Type = EndpointType.Gateway, State = "available", RouteTableIds = ["rtb-0bb"] },
            Interface("vpce-0dd", "secretsmanager", "available", ["subnet-0a", "subnet-0b"]),
        ],
    };

    /// <summary>After cleanup: the NAT route back, the S3 endpoint deleted, the secretsmanager endpoint kept.</summary>
    public static VpcSnapshot After(VpcSnapshot before, VpcSnapshot withEndpoints) => before with
    {
        Endpoints = [.. before.Endpoints, withEndpoints.Endpoints.Single(e => e.Id == "vpce-0dd")],
    };

    private static EndpointInfo Interface(string id, string service, string state, IReadOnlyList<string> subnets) => new()
    {
        Id = id, ServiceName = $"com.amazonaws.us-east-1.{service}", Type = EndpointType.Interface, State = state,
        PrivateDnsEnabled = true, SubnetIds = subnets, SecurityGroupIds = ["sg-0ep"],
    };

    private static RouteInfo Local() => new("10.0.0.0/16", null, null, RouteTargetKind.Local, "local", "CreateRouteTable", "active");

    private static RouteInfo NatRoute() => new("0.0.0.0/0", null, null, RouteTargetKind.NatGateway, "nat-0aa", "CreateRoute", "active");

    private static Dictionary<string, string> Name(string name) => new() { ["Name"] = name };
}
