using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit;

/// <summary>
/// Which route of a table carries traffic to a destination. AWS picks the longest prefix; on equal length a static
/// route beats a prefix-list route (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html).
/// Used by the audit (a route shadowing a gateway endpoint) and by the prediction of each probe's path.
/// </summary>
internal static class RouteEvaluator
{
    /// <returns>The winning route, or null when no route holds the destination (the traffic is dropped).</returns>
    /// <param name="destinationCidr">An address as a /32, or a range all of which is asked about.</param>
    /// <param name="prefixListCidrs">The ranges of each prefix list (the snapshot's <see cref="VpcSnapshot.PrefixListCidrs"/>).</param>
    public static RouteInfo? Lookup(RouteTableInfo table, string destinationCidr, IReadOnlyDictionary<string, IReadOnlyList<string>> prefixListCidrs)
    {
        RouteInfo? best = null;
        var bestLength = -1;
        foreach (var route in table.Routes)
        {
            var length = MatchLength(route, destinationCidr, prefixListCidrs);
            if (length < 0)
            {
                continue;
            }

            // Longer wins; on a tie the static (CIDR) route wins over the prefix-list one.
            if (length > bestLength || (length == bestLength && best?.DestinationPrefixListId is not null && route.DestinationCidr is not null))
            {
                best = route;
                bestLength = length;
            }
        }

        return best;
    }

    /// <summary>A route the table no longer can use (its target was deleted): AWS drops what it would carry.</summary>
    public static bool IsBlackhole(RouteInfo route) => route.State == "blackhole";

    // The prefix length of the route's range that holds the destination; -1 when none does.
    private static int MatchLength(RouteInfo route, string destinationCidr, IReadOnlyDictionary<string, IReadOnlyList<string>> prefixListCidrs)
    {
        if (route.DestinationCidr is { } cidr)
        {
            return Cidrs.Contains(cidr, destinationCidr) ? Cidrs.PrefixLength(cidr) : -1;
        }

        if (route.DestinationPrefixListId is { } list)
        {
            return (prefixListCidrs.GetValueOrDefault(list) ?? []).Where(r => Cidrs.Contains(r, destinationCidr)).Select(Cidrs.PrefixLength).DefaultIfEmpty(-1).Max();
        }

        return -1;
    }
}
