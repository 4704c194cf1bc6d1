using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// The walkthrough's VPC after its endpoints phase, in memory, for the prediction's tests: a private subnet whose
/// table sends 0.0.0.0/0 to a NAT gateway, an S3 gateway endpoint restricted to one bucket on that table, a Secrets
/// Manager interface endpoint with private DNS in an endpoint subnet of the same AZ, default NACLs. Each test takes
/// one thing away with `with`.
/// </summary>
internal static class ExplainVpc
{
    public const string Bucket = "twtech-secure-bucket";
    public const string S3List = "pl-s3";

    private static readonly Dictionary<string, string> NoTags = [];

    public static InstanceInfo Instance => new()
    {
        Id = "i-1", SubnetId = "subnet-private", AvailabilityZone = "us-east-1a", PrivateIp = "10.0.2.10", SecurityGroupIds = ["sg-instance"],
        IamInstanceProfileArn = "arn:aws:iam::123456789012:instance-profile/probe",
    };

    public static VpcSnapshot Snapshot() => new()
    {
        VpcId = "vpc-1",
        Region = "us-east-1",
        Cidrs = ["10.0.0.0/16"],
        EnableDnsSupport = true,
        EnableDnsHostnames = true,
        Subnets =
        [
            new SubnetInfo("subnet-public", "10.0.1.0/24", "us-east-1a", "rtb-public", true, true, NoTags),
            new SubnetInfo("subnet-private", "10.0.2.0/24", "us-east-1a", "rtb-private", true, false, NoTags),
            new SubnetInfo("subnet-endpoints", "10.0.3.0/24", "us-east-1a", "rtb-private", true, false, NoTags),
            new SubnetInfo("subnet-other-az", "10.0.4.0/24", "us-east-1b", "rtb-private", true, false, NoTags),
        ],
        RouteTables =
        [
            new RouteTableInfo("rtb-public", false, ["subnet-public"], [Local, Route("0.0.0.0/0", RouteTargetKind.InternetGateway, "igw-1")], NoTags),
            new RouteTableInfo("rtb-private", false, ["subnet-private", "subnet-endpoints", "subnet-other-az"],
                [Local, Route("0.0.0.0/0", RouteTargetKind.NatGateway, "nat-1"), new RouteInfo(null, null, S3List, RouteTargetKind.VpcEndpoint, "vpce-s3", null, "active")], NoTags),
        ],
        NatGateways = [new NatGatewayInfo("nat-1", "subnet-public", "available", "10.0.1.5", "198.51.100.5")],
        Endpoints =
        [
            new EndpointInfo
            {
                Id = "vpce-s3", ServiceName = "com.amazonaws.us-east-1.s3", Type = EndpointType.Gateway, State = "available",
                RouteTableIds = ["rtb-private"], PolicyDocument = WalkthroughScenario.OneBucketPolicy(Bucket),
            },
            new EndpointInfo
            {
                Id = "vpce-sm", ServiceName = "com.amazonaws.us-east-1.secretsmanager", Type = EndpointType.Interface, State = "available",
                PrivateDnsEnabled = true, SubnetIds = ["subnet-endpoints"], SecurityGroupIds = ["sg-endpoints"],
            },
        ],
        Instances = [Instance],
        SecurityGroups =
        [
            new SecurityGroupInfo("sg-instance", "instance", [], [new SecurityGroupRule("-1", null, null, ["0.0.0.0/0"], [], [], [])]),
            new SecurityGroupInfo("sg-endpoints", "endpoints", [new SecurityGroupRule("tcp", 443, 443, ["10.0.0.0/16"], [], [], [])], []),
        ],
        NetworkAcls =
        [
            new NetworkAclInfo("acl-default", true, ["subnet-public", "subnet-private", "subnet-endpoints", "subnet-other-az"],
            [
                new NetworkAclEntry(100, false, "-1", true, "0.0.0.0/0", null, null, null),
                new NetworkAclEntry(100, true, "-1", true, "0.0.0.0/0", null, null, null),
            ]),
        ],
        PrefixListCidrs = new Dictionary<string, IReadOnlyList<string>> { [S3List] = ["52.216.0.0/15", "3.5.0.0/19"] },
    };

    /// <summary>The snapshot with one endpoint changed.</summary>
    public static VpcSnapshot WithEndpoint(this VpcSnapshot vpc, string id, Func<EndpointInfo, EndpointInfo> change) =>
        vpc with { Endpoints = [.. vpc.Endpoints.Select(e => e.Id == id ? change(e) : e)] };

    /// <summary>The snapshot with one security group's rules replaced.</summary>
    public static VpcSnapshot WithGroup(this VpcSnapshot vpc, string id, IReadOnlyList<SecurityGroupRule>? ingress = null, IReadOnlyList<SecurityGroupRule>? egress = null) =>
        vpc with { SecurityGroups = [.. vpc.SecurityGroups.Select(g => g.Id == id ? g with { Ingress = ingress ?? g.Ingress, Egress = egress ?? g.Egress } : g)] };

    /// <summary>The snapshot with the private table's default route gone.</summary>
    public static VpcSnapshot WithoutNatRoute(this VpcSnapshot vpc) =>
        vpc with { RouteTables = [.. vpc.RouteTables.Select(t => t.Id == "rtb-private" ? t with { Routes = [.. t.Routes.Where(r => r.DestinationCidr != "0.0.0.0/0")] } : t)] };

    /// <summary>The snapshot with one subnet given its own ACL of these entries (numbered rules, as AWS keeps them).</summary>
    public static VpcSnapshot WithAcl(this VpcSnapshot vpc, string subnetId, params NetworkAclEntry[] entries) =>
        vpc with
        {
            NetworkAcls = [.. vpc.NetworkAcls.Select(a => a with { SubnetIds = [.. a.SubnetIds.Where(s => s != subnetId)] }),
                new NetworkAclInfo($"acl-{subnetId}", false, [subnetId], entries)],
        };

    public static SecurityGroupRule Tcp(int port, string cidr) => new("tcp", port, port, [cidr], [], [], []);

    private static RouteInfo Local => new("10.0.0.0/16", null, null, RouteTargetKind.Local, "local", null, "active");

    private static RouteInfo Route(string cidr, RouteTargetKind kind, string target) => new(cidr, null, null, kind, target, null, "active");
}
