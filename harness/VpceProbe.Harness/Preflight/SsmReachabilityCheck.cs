using VpceProbe.Contract.Aws;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Preflight;

/// <summary>
/// Removing the NAT route cuts a private instance off from SSM's public endpoints, and with it the
/// harness's only way to run the agent. Unless interface endpoints for what the targets' SSM Agents need exist
/// (or the scenario creates them before removing the route), the run is refused. What they need follows from
/// each target's AgentVersion (<see cref="SsmControlPath"/>): ssm and ssmmessages, and ec2messages too for agents
/// older than 3.3.40.0 or of unknown version.
/// </summary>
internal sealed class SsmReachabilityCheck : IPreflightCheck
{
    public IEnumerable<PreflightFinding> Check(PreflightInput input)
    {
        var removesNat = input.Actions.Any(a => a.Type == ActionTypes.RemoveNatRoutes);
        if (!removesNat)
        {
            yield break;
        }

        if (input.Transport != TransportKind.Ssm)
        {
            yield return new(false, $"the {input.Transport.Name()} transport does not reach the targets through SSM, so removing the NAT route cannot cut the harness off; the check of its path to {SsmControlPath.AllServicesText} is skipped");
            yield break;
        }

        var versions = input.Targets.Select(t => t.SsmAgentVersion).ToList();
        var needed = versions.Count == 0 ? SsmControlPath.AllServices : SsmControlPath.RequiredServices(versions);
        var missing = needed.Where(s => !Exists(input, s) && !CreatedBeforeNatRemoval(input, s)).ToList();
        if (missing.Count > 0)
        {
            yield return new(true,
                $"removing the NAT route would cut the targets off from SSM: {input.Vpc.VpcId} has no interface endpoint for {string.Join(", ", missing)} "
                + $"({string.Join("; ", versions.Distinct().Select(SsmControlPath.Explain))}). "
                + "Fix: create them first (aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface --service-name com.amazonaws."
                + $"{input.Vpc.Region}.SERVICE --private-dns-enabled ...), or add create-interface-endpoint actions for them to a phase before remove-nat-routes");
        }
    }

    private static bool Exists(PreflightInput input, string service) =>
        input.Vpc.Endpoints.Any(e => e.ShortService == service && e.Type == Discovery.EndpointType.Interface && e.State == "available" && e.PrivateDnsEnabled);

    private static bool CreatedBeforeNatRemoval(PreflightInput input, string service)
    {
        foreach (var action in input.Actions)
        {
            if (action.Type == ActionTypes.RemoveNatRoutes)
            {
                return false;
            }

            if (action.Type == ActionTypes.CreateInterfaceEndpoint && action.Service == service && action.PrivateDns)
            {
                return true;
            }
        }

        return false;
    }
}
