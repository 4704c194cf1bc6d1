namespace VpceProbe.Harness.Discovery;

/// <summary>The IPv4 default route through NAT, written once: what `remove-nat-routes` takes away and what the audit and cost call NAT egress.</summary>
internal static class DefaultRoutes
{
    public const string Ipv4 = "0.0.0.0/0";

    /// <summary>The IPv4 default route to a NAT gateway, a NAT instance or its ENI.</summary>
    public static bool IsNat(RouteInfo route) =>
        route.DestinationCidr == Ipv4 && route.TargetKind is RouteTargetKind.NatGateway or RouteTargetKind.Instance or RouteTargetKind.NetworkInterface;
}
