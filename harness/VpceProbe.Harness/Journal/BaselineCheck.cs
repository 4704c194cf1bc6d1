using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Journal;

/// <summary>
/// The VPC state a run must give back: every route of every route table, and the endpoints that existed.
/// Recorded in the journal header before the first change; compared with a fresh describe after cleanup.
/// </summary>
internal static class BaselineCheck
{
    public static VpcBaseline Capture(VpcSnapshot vpc) => new(
        [.. vpc.RouteTables.SelectMany(t => t.Routes.Select(r => Render(t.Id, r))).Order(StringComparer.Ordinal)],
        [.. LiveEndpoints(vpc).Order(StringComparer.Ordinal)]);

    /// <param name="kept">Endpoints the run created and was told to keep: they, and the routes AWS added for them, are expected extras.</param>
    /// <returns>One line per difference; empty when the VPC is as it was.</returns>
    public static IReadOnlyList<string> Differences(VpcBaseline before, VpcSnapshot after, IReadOnlyCollection<string> kept)
    {
        var now = Capture(after);
        var routesNow = now.Routes.Where(r => !kept.Any(k => r.EndsWith($"→ {k}", StringComparison.Ordinal))).ToList();
        var endpointsNow = now.EndpointIds.Where(e => !kept.Contains(e)).ToList();
        return
        [
            .. before.Routes.Except(routesNow).Select(r => $"route missing: {r}"),
            .. routesNow.Except(before.Routes).Select(r => $"route not there before the run: {r}"),
            .. before.EndpointIds.Except(endpointsNow).Select(e => $"endpoint missing: {e}"),
            .. endpointsNow.Except(before.EndpointIds).Select(e => $"endpoint not there before the run: {e}"),
        ];
    }

    private static IEnumerable<string> LiveEndpoints(VpcSnapshot vpc) =>
        vpc.Endpoints.Where(EndpointStates.IsLive).Select(e => e.Id);

    private static string Render(string table, RouteInfo r) => $"{table} {r.Destination} → {r.TargetId ?? r.TargetKind.ToString()}";
}
