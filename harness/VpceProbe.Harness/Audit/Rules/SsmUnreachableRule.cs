using VpceProbe.Contract.Aws;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>
/// VPCE003: private subnets with no way out to SSM: no NAT route and not every interface endpoint their instances'
/// SSM Agents need (<see cref="SsmControlPath"/>: ssm and ssmmessages; ec2messages too for agents older than
/// 3.3.40.0, of unknown version, or a subnet without instances to ask).
/// </summary>
internal sealed class SsmUnreachableRule : IAuditRule
{
    private const string Why =
        "The SSM agent on an instance must reach ssm and ssmmessages, and ec2messages as well when it is older than 3.3.40.0 " +
        "(newer agents take commands through ssmmessages and use ec2messages only as a fallback). Without a NAT route or interface " +
        "endpoints for what its agents need, instances in the subnet cannot be managed, patched or reached with Session Manager " +
        "or Run Command (and vpceprobe cannot run its agent there).";
    private const string Fix = "Create interface endpoints with private DNS for {0} (aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface --service-name com.amazonaws.{1}.SERVICE --private-dns-enabled ...), or give the subnet a NAT route.";

    public string Id => "VPCE003";

    public string Name => "ssm-unreachable";

    public string Summary => "private subnets without a NAT route and without the ssm, ssmmessages (and, for agents before 3.3.40.0, ec2messages) interface endpoints";

    public Severity DefaultSeverity => Severity.High;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        var present = vpc.InterfaceEndpoints().Select(e => e.ShortService).ToHashSet();
        foreach (var subnet in vpc.PrivateSubnets().Where(s => !vpc.RouteTable(s.RouteTableId).HasPrivateEgress()))
        {
            var agents = vpc.Instances.Where(i => i.SubnetId == subnet.Id).Select(i => i.SsmAgentVersion).ToList();
            var needed = agents.Count == 0 ? SsmControlPath.AllServices : SsmControlPath.RequiredServices(agents);
            var missing = needed.Where(s => !present.Contains(s)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            yield return new Finding(
                Id, DefaultSeverity, subnet.Id, ResourceTypes.Subnet,
                $"{subnet.Id} ({subnet.AvailabilityZone}) has no NAT route and the VPC has no interface endpoint for {string.Join(", ", missing)} "
                + $"({Agents(agents)})",
                Why,
                AuditText.Fill(Fix, string.Join(", ", missing), vpc.Region));
        }
    }

    private static string Agents(IReadOnlyList<string?> versions) => versions.Count == 0
        ? "no instances to ask for their SSM Agent version: all three"
        : string.Join("; ", versions.Distinct().Select(SsmControlPath.Explain));
}
