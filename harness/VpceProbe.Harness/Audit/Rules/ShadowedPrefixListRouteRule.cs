using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE012: a route more specific than (or as specific as) a gateway endpoint's prefix-list range takes its traffic.</summary>
/// <remarks>
/// AWS picks the longest prefix first, and on equal length a static route beats a prefix-list route
/// (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html). A CIDR route inside one of the
/// prefix list's ranges therefore wins over the endpoint for that part of the service.
/// </remarks>
internal sealed class ShadowedPrefixListRouteRule : IAuditRule
{
    private const string Why =
        "Traffic to the shadowed addresses follows the other route (a NAT, a firewall, a peering) instead of the gateway endpoint: " +
        "it costs more, bypasses the endpoint policy, or fails.";
    private const string Fix = "aws ec2 delete-route --route-table-id {0} --destination-cidr-block {1} (if the endpoint should carry that traffic)";

    public string Id => "VPCE012";

    public string Name => "gateway-endpoint-route-shadowed";

    public string Summary => "routes more specific than a gateway endpoint's prefix-list route";

    public Severity DefaultSeverity => Severity.High;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        foreach (var table in vpc.RouteTables)
        {
            var endpointRoutes = table.Routes.Where(r => r.DestinationPrefixListId is not null && r.TargetKind == RouteTargetKind.VpcEndpoint);
            foreach (var endpointRoute in endpointRoutes)
            {
                var ranges = vpc.PrefixListCidrs.GetValueOrDefault(endpointRoute.DestinationPrefixListId!) ?? [];
                foreach (var route in table.Routes.Where(r => r.DestinationCidr is not null && r.TargetKind != RouteTargetKind.Local))
                {
                    // The route takes the addresses it names when the table's lookup for them picks it over the endpoint.
                    var shadowed = ranges.FirstOrDefault(range => Cidrs.Contains(range, route.DestinationCidr!)
                        && RouteEvaluator.Lookup(table, route.DestinationCidr!, vpc.PrefixListCidrs) != endpointRoute);
                    if (shadowed is not null)
                    {
                        yield return new Finding(
                            Id, DefaultSeverity, table.Id, ResourceTypes.RouteTable,
                            $"{table.Id}: route {route.DestinationCidr} -> {route.TargetId} takes traffic for {shadowed} of " +
                            $"{endpointRoute.DestinationPrefixListId} away from {endpointRoute.TargetId}",
                            Why,
                            AuditText.Fill(Fix, table.Id, route.DestinationCidr!));
                    }
                }
            }
        }
    }
}
