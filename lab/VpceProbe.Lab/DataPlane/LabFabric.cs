using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The parts of the data plane that do not depend on the VPC state: the router and internet namespaces, the
/// internet gateway (a link between them; the public address pool is routed to the router), the internet's
/// web-host and public service addresses. Nothing is created in the host namespace: every link is made
/// inside a lab namespace.
/// </summary>
internal static class LabFabric
{
    /// <summary>Router-local addresses pre-assigned for gateway-endpoint frontends.</summary>
    public const int GatewayEndpointFrontends = 8;

    /// <summary>The router's end of the internet gateway link.</summary>
    public const string IgwLink = "igw0";

    /// <summary>
    /// A router and NAT namespace forwards back out of the interface a packet came in on (instances reach even their
    /// own subnet through the router), so it must not send ICMP redirects; reverse-path filtering would drop the
    /// asymmetric paths NAT makes. Set explicitly: a new namespace inherits the host's values otherwise.
    /// </summary>
    internal static readonly string[] ForwarderSysctls =
    [
        "net.ipv4.ip_forward=1", "net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.default.send_redirects=0",
        "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
    ];

    public static async Task BuildAsync(LabNames names, InternetSpec internet, CancellationToken ct)
    {
        await Ip.AddNamespacesAsync([names.Router, names.Internet], ct).ConfigureAwait(false);
        await Ip.SysctlAsync(names.Router, ForwarderSysctls, ct).ConfigureAwait(false);
        await Ip.BatchAsync(names.Router, [
            "link set lo up",
            $"addr add {LabAddresses.Imds}/32 dev lo",
            .. Enumerable.Range(0, GatewayEndpointFrontends).Select(i => $"addr add {LabAddresses.GatewayEndpointFrontend(i)}/32 dev lo"),
            $"link add {IgwLink} type veth peer name igw netns {names.Internet}",
            $"addr add {LabAddresses.RouterSideOfIgw}/{LabAddresses.IgwLinkPrefix} dev {IgwLink}",
            $"link set {IgwLink} up",
        ], ct).ConfigureAwait(false);

        await Ip.BatchAsync(names.Internet, [
            "link set lo up",
            $"addr add {LabAddresses.InternetSideOfIgw}/{LabAddresses.IgwLinkPrefix} dev igw",
            "link set igw up",
            $"route add {LabAddresses.PublicPool} via {LabAddresses.RouterSideOfIgw}",
            .. internet.WebHosts.Values.Concat(internet.ServiceAddresses.Values).Distinct().Select(a => $"addr add {a}/32 dev lo"),
            // The lab's internet has nothing else: other destinations vanish (no route, no ICMP error).
            "route add blackhole default",
        ], ct).ConfigureAwait(false);
    }
}
