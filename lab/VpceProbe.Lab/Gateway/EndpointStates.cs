using System.Xml.Linq;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// moto makes every endpoint available at once; AWS keeps a new one pending for a while. This rewrites the
/// &lt;state&gt; of each endpoint in an EC2 answer from <see cref="LabState"/> (and drops endpoints the lab
/// already deleted, as DescribeVpcEndpoints stops listing them).
/// </summary>
internal static class EndpointStates
{
    public static XElement Rewrite(XElement answer, LabState state)
    {
        foreach (var endpoint in Ec2Xml.Named(answer, "vpcEndpointId").Select(e => e.Parent!).ToList())
        {
            var id = Ec2Xml.Child(endpoint, "vpcEndpointId")!;
            var lifecycle = state.EndpointState(id);
            if (lifecycle == EndpointLifecycle.Deleted && endpoint.Name.LocalName == "item")
            {
                endpoint.Remove();
                continue;
            }

            var stateElement = Ec2Xml.ChildElement(endpoint, "state");
            stateElement?.SetValue(lifecycle == EndpointLifecycle.Pending ? "pending" : lifecycle == EndpointLifecycle.Deleted ? "deleted" : "available");
        }

        return answer;
    }
}
