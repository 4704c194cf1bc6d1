using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Reports.Html;

/// <summary>
/// What a drawing marks on top of the VPC it draws: what changed since the previous picture (routes gone or
/// added, endpoints created or deleted), instances whose checks failed, and audit findings pinned to resources.
/// </summary>
internal sealed record DrawingMarks
{
    public static readonly DrawingMarks None = new();

    /// <summary>Routes of the previous picture that are gone, by route table: drawn struck through.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RouteInfo>> RemovedRoutes { get; init; } = new Dictionary<string, IReadOnlyList<RouteInfo>>();

    /// <summary>"rtb-… DESTINATION" of routes that are new since the previous picture.</summary>
    public IReadOnlySet<string> AddedRoutes { get; init; } = new HashSet<string>();

    /// <summary>Endpoints of the previous picture that are gone: drawn dashed, marked deleted.</summary>
    public IReadOnlyList<EndpointInfo> RemovedEndpoints { get; init; } = [];

    public IReadOnlySet<string> AddedEndpoints { get; init; } = new HashSet<string>();

    /// <summary>Instance id → how many of its checks failed in this phase.</summary>
    public IReadOnlyDictionary<string, int> FailedInstances { get; init; } = new Dictionary<string, int>();

    /// <summary>Resource id → the numbers of the findings pinned to it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> Pins { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    public static string RouteKey(string tableId, RouteInfo route) => $"{tableId} {route.Destination}";

    /// <summary>The changes from <paramref name="before"/> to <paramref name="now"/>; none when there is no before.</summary>
    public static DrawingMarks Between(VpcSnapshot? before, VpcSnapshot now)
    {
        if (before is null)
        {
            return None;
        }

        var nowRoutes = Routes(now).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var beforeRoutes = Routes(before).ToList();
        var beforeKeys = beforeRoutes.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var liveBefore = before.Endpoints.Where(EndpointStates.IsLive).ToList();
        var liveNow = now.Endpoints.Where(EndpointStates.IsLive).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return new DrawingMarks
        {
            RemovedRoutes = beforeRoutes.Where(r => !nowRoutes.Contains(r.Key))
                .GroupBy(r => r.Table).ToDictionary(g => g.Key, g => (IReadOnlyList<RouteInfo>)[.. g.Select(r => r.Route)]),
            AddedRoutes = Routes(now).Select(r => r.Key).Where(k => !beforeKeys.Contains(k)).ToHashSet(StringComparer.Ordinal),
            RemovedEndpoints = [.. liveBefore.Where(e => !liveNow.Contains(e.Id))],
            AddedEndpoints = liveNow.Where(id => liveBefore.All(e => e.Id != id)).ToHashSet(StringComparer.Ordinal),
        };
    }

    private static IEnumerable<(string Table, RouteInfo Route, string Key)> Routes(VpcSnapshot vpc) =>
        vpc.RouteTables.SelectMany(t => t.Routes.Where(r => r.TargetKind != RouteTargetKind.Local).Select(r => (t.Id, r, RouteKey(t.Id, r))));
}
