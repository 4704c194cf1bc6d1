using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.DataPlane;

/// <summary>The walkthrough's VPC as <see cref="VpcState"/>, with builders for the changes the tests make.</summary>
internal static class VpcStates
{
    public const string PrivateSubnet = "subnet-private0001";
    public const string PublicSubnet = "subnet-public00001";
    public const string PrivateTable = "rtb-private";
    public const string Instance = "i-0123456789abcdef0";

    public static InternetSpec Internet { get; } = LabTopology.Load("walkthrough").Internet;

    public static RouterPlanner Planner { get; } = new(new LabNames("t"), "us-east-1", Internet);

    public static VpcState Walkthrough(bool natRoute = true, params EndpointState[] endpoints) => new(
        "vpc-1", "10.0.0.0/16", EnableDnsSupport: true, EnableDnsHostnames: true,
        [new SubnetState(PublicSubnet, "10.0.1.0/24", "rtb-public"), new SubnetState(PrivateSubnet, "10.0.2.0/24", PrivateTable)],
        [
            new RouteTableState("rtb-public", [new RouteState("10.0.0.0/16", null, "local"), new RouteState("0.0.0.0/0", null, "igw-1")]),
            new RouteTableState(PrivateTable, natRoute ? [new RouteState("10.0.0.0/16", null, "local"), new RouteState("0.0.0.0/0", null, "nat-1")] : [new RouteState("10.0.0.0/16", null, "local")]),
        ],
        [new NatState("nat-1", PublicSubnet, null)],
        endpoints,
        [new InstanceState(Instance, PrivateSubnet, "10.0.2.10", ["sg-instance"])],
        [
            new SecurityGroupState("sg-endpoints", [new SecurityGroupRule("tcp", 443, 443, ["10.0.0.0/16"], [])]),
            new SecurityGroupState("sg-closed", [new SecurityGroupRule("tcp", 22, 22, ["10.0.0.0/16"], [])]),
            new SecurityGroupState("sg-instance", []),
        ]);

    public static EndpointState Interface(string service, EndpointLifecycle lifecycle = EndpointLifecycle.Available, string group = "sg-endpoints", bool privateDns = true) =>
        new($"vpce-{service}", "Interface", service, lifecycle, privateDns, [PrivateSubnet], [group], []);

    public static EndpointState Gateway(string service, EndpointLifecycle lifecycle = EndpointLifecycle.Available) =>
        new($"vpce-{service}", "Gateway", service, lifecycle, false, [], [], [PrivateTable]);
}
