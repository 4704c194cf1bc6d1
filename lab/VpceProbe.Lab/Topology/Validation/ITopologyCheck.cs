namespace VpceProbe.Lab.Topology.Validation;

/// <summary>One family of a topology's rules (subnets, routes, NACLs…); reports every problem, never throws.</summary>
internal interface ITopologyCheck
{
    void Check(TopologyContext context);
}
