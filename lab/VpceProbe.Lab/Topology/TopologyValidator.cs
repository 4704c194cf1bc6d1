using VpceProbe.Lab.Topology.Validation;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// What a well-shaped topology means, checked before anything is created: references resolve, addresses fit,
/// counts are bounded, and what AWS would refuse is refused here first. Every check runs, so a file's errors
/// all come back at once. The catalog is explicit; each check is one family of resources.
/// </summary>
internal static class TopologyValidator
{
    private static readonly IReadOnlyList<ITopologyCheck> Checks =
    [
        new VpcCheck(),
        new SubnetCheck(),
        new GatewayCheck(),
        new RouteTableCheck(),
        new NetworkAclCheck(),
        new SecurityGroupCheck(),
        new InstanceCheck(),
        new EndpointCheck(),
        new DataCheck(),
        new InternetCheck(),
    ];

    public static void Validate(LabTopology topology, TopologyErrors errors)
    {
        var context = new TopologyContext(topology, errors);
        foreach (var check in Checks)
        {
            check.Check(context);
        }
    }
}
