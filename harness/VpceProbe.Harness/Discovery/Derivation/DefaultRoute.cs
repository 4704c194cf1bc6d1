namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>Where a route table sends 0.0.0.0/0: what decides whether the internet (and public AWS names) can be reached.</summary>
/// <param name="Target">The route's target kind, or null when there is no default route.</param>
/// <param name="TargetId">nat-…, igw-…, i-…, eni-…; null when there is no default route.</param>
/// <param name="RouteTableId">The table read; null when the subnet has none (it never happens in AWS: the main table applies).</param>
internal sealed record DefaultRoute(RouteTargetKind? Target, string? TargetId, string? RouteTableId)
{
    /// <summary>A NAT (gateway, instance or its ENI) or an internet gateway: the internet answers.</summary>
    public bool ReachesInternet => Target is RouteTargetKind.NatGateway or RouteTargetKind.InternetGateway
        or RouteTargetKind.Instance or RouteTargetKind.NetworkInterface;

    public static DefaultRoute Of(RouteTableInfo? table)
    {
        var route = table?.Routes.FirstOrDefault(r => r.DestinationCidr == "0.0.0.0/0" && r.State != "blackhole");
        return new(route?.TargetKind, route?.TargetId, table?.Id);
    }

    /// <summary>"route table rtb-1 sends 0.0.0.0/0 to nat-1", "route table rtb-1 has no route to the internet".</summary>
    public string Describe() => RouteTableId is null
        ? "the subnet has no route table"
        : Target is null || !ReachesInternet
            ? $"route table {RouteTableId} has no route to the internet"
            : $"route table {RouteTableId} sends 0.0.0.0/0 to {TargetId}";
}
