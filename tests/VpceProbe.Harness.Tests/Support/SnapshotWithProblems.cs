using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>An in-memory snapshot with several problems at once, for the output writers' tests (no AWS needed).</summary>
internal static class SnapshotWithProblems
{
    public const string VpcId = "vpc-0123456789abcdef0";

    public static VpcSnapshot Snapshot() => new()
    {
        VpcId = VpcId,
        Region = "us-east-1",
        Cidrs = ["10.0.0.0/16"],
        EnableDnsSupport = true,
        EnableDnsHostnames = false,
        Subnets = [new SubnetInfo("subnet-a", "10.0.1.0/24", "us-east-1a", "rtb-a", true, false, new Dictionary<string, string>())],
        RouteTables = [new RouteTableInfo("rtb-a", false, ["subnet-a"], [new RouteInfo("10.0.0.0/16", null, null, RouteTargetKind.Local, "local", null, null)], new Dictionary<string, string>())],
        Endpoints =
        [
            new EndpointInfo
            {
                Id = "vpce-secrets", ServiceName = "com.amazonaws.us-east-1.secretsmanager", Type = EndpointType.Interface, State = "available",
                PrivateDnsEnabled = true, SubnetIds = ["subnet-a"], SecurityGroupIds = ["sg-open"],
            },
        ],
        SecurityGroups = [new SecurityGroupInfo("sg-open", "open", [new SecurityGroupRule("tcp", 443, 443, ["0.0.0.0/0"], [], [], [])], [])],
    };

    public static AuditReport Report() => Auditor.Run(Snapshot());
}
