using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE003: private subnets with no way out to SSM: no NAT route and not all of ssm, ssmmessages, ec2messages endpoints.</summary>
public sealed class SsmUnreachableRule : IAuditRule
{
    private const string Why =
        "The SSM agent on an instance must reach ssm, ssmmessages and ec2messages. Without a NAT route or interface endpoints " +
        "for all three, instances in the subnet cannot be managed, patched or reached with Session Manager or Run Command " +
        "(and vpceprobe cannot run its agent there).";
    private const string Fix = "Create interface endpoints with private DNS for {0} (aws ec2 create-vpc-endpoint --vpc-endpoint-type Interface --service-name com.amazonaws.{1}.SERVICE --private-dns-enabled ...), or give the subnet a NAT route.";

    public string Id => "VPCE003";

    public string Name => "ssm-unreachable";

    public string Summary => "private subnets without a NAT route and without ssm, ssmmessages and ec2messages interface endpoints";

    public Severity DefaultSeverity => Severity.High;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        var present = vpc.InterfaceEndpoints().Select(e => e.ShortService).ToHashSet();
        var missing = VpcFacts.SsmServices.Where(s => !present.Contains(s)).ToList();
        if (missing.Count == 0)
        {
            yield break;
        }

        foreach (var subnet in vpc.PrivateSubnets().Where(s => !vpc.RouteTable(s.RouteTableId).HasPrivateEgress()))
        {
            yield return new Finding(
                Id, DefaultSeverity, subnet.Id, ResourceTypes.Subnet,
                $"{subnet.Id} ({subnet.AvailabilityZone}) has no NAT route and the VPC has no interface endpoint for {string.Join(", ", missing)}",
                Why,
                AuditText.Fill(Fix, string.Join(", ", missing), vpc.Region));
        }
    }
}
