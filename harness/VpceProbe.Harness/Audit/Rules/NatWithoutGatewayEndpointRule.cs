using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE002 (cost): private subnets reach S3 or DynamoDB through a NAT, and the VPC has no gateway endpoint for the service.</summary>
/// <remarks>When a gateway endpoint exists but misses a route table, VPCE011 reports that instead.</remarks>
internal sealed class NatWithoutGatewayEndpointRule : IAuditRule
{
    private const string Why =
        "A NAT gateway charges for every GB it processes ({0}) while a gateway endpoint for S3 or DynamoDB is free " +
        "and keeps the traffic on the AWS network.";
    private const string Fix = "aws ec2 create-vpc-endpoint --vpc-id {0} --vpc-endpoint-type Gateway --service-name com.amazonaws.{1}.{2} --route-table-ids {3}";

    public string Id => "VPCE002";

    public string Name => "nat-without-gateway-endpoint";

    public string Summary => "private subnets send S3 or DynamoDB traffic through a NAT because the VPC has no gateway endpoint for it";

    public Severity DefaultSeverity => Severity.Medium;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        var natTables = vpc.PrivateSubnets().GroupBy(s => s.RouteTableId)
            .Where(g => vpc.RouteTable(g.Key).HasNatRoute()).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var service in VpcFacts.GatewayServices.Where(s => !vpc.GatewayEndpoints(s).Any()))
        {
            foreach (var table in natTables)
            {
                var subnets = string.Join(", ", table.Select(s => s.Id));
                yield return new Finding(
                    Id, DefaultSeverity, table.Key, ResourceTypes.RouteTable,
                    $"{service} traffic from {subnets} goes through the NAT route of {table.Key}: the VPC has no {service} gateway endpoint",
                    AuditText.Fill(Why, ShippedPrices.NatPerGb(vpc.Region)),
                    AuditText.Fill(Fix, vpc.VpcId, vpc.Region, service, table.Key));
            }
        }
    }
}
