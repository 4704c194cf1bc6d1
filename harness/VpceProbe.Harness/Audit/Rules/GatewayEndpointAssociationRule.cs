using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE011: a gateway endpoint (S3, DynamoDB) exists but a private subnet's route table is not associated with it.</summary>
internal sealed class GatewayEndpointAssociationRule : IAuditRule
{
    private const string Why =
        "A gateway endpoint works only for the route tables it is associated with: it adds the service's prefix-list route " +
        "there and nowhere else. Subnets on other tables reach the service through their NAT (paying per GB, {0}), or not at all.";
    private const string Fix = "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --add-route-table-ids {1}";

    public string Id => "VPCE011";

    public string Name => "gateway-endpoint-route-table-missing";

    public string Summary => "private subnets' route tables not associated with the VPC's S3 or DynamoDB gateway endpoint";

    public Severity DefaultSeverity => Severity.High;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        var tables = vpc.PrivateSubnets().GroupBy(s => s.RouteTableId).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var service in VpcFacts.GatewayServices)
        {
            var endpoints = vpc.GatewayEndpoints(service).ToList();
            if (endpoints.Count == 0)
            {
                continue;
            }

            foreach (var table in tables.Where(t => !endpoints.Any(e => e.RouteTableIds.Contains(t.Key))))
            {
                // Through a NAT it still works, at a price; without one the service is unreachable from these subnets.
                var viaNat = vpc.RouteTable(table.Key).HasNatRoute();
                yield return new Finding(
                    Id, viaNat ? Severity.Medium : Severity.High, table.Key, ResourceTypes.RouteTable,
                    $"{table.Key} (used by {AuditText.List(table.Select(s => s.Id))}) is not associated with {service} gateway endpoint {endpoints[0].Id}: " +
                    (viaNat ? $"{service} traffic goes through the NAT" : $"{service} is unreachable from these subnets"),
                    AuditText.Fill(Why, ShippedPrices.NatPerGb(vpc.Region)),
                    AuditText.Fill(Fix, endpoints[0].Id, table.Key));
            }
        }
    }
}
