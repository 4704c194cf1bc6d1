using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The parts of the data plane that do not depend on the VPC state: the router, NAT and internet namespaces,
/// the NAT's link to the internet with its masquerade, the internet's web-host and public service addresses.
/// Nothing is created in the host namespace: every link is made inside a lab namespace.
/// </summary>
internal static class LabFabric
{
    /// <summary>Router-local addresses pre-assigned for gateway-endpoint frontends.</summary>
    public const int GatewayEndpointFrontends = 8;

    public static async Task BuildAsync(LabNames names, InternetSpec internet, CancellationToken ct)
    {
        foreach (var ns in new[] { names.Router, names.Nat, names.Internet })
        {
            await Ip.AddNamespaceAsync(ns, ct).ConfigureAwait(false);
        }

        await Ip.SysctlAsync(names.Router, "net.ipv4.ip_forward=1", ct).ConfigureAwait(false);
        await Ip.SysctlAsync(names.Nat, "net.ipv4.ip_forward=1", ct).ConfigureAwait(false);
        await Ip.BatchAsync(names.Router, [
            $"addr add {LabAddresses.Imds}/32 dev lo",
            .. Enumerable.Range(0, GatewayEndpointFrontends).Select(i => $"addr add {LabAddresses.GatewayEndpointFrontend(i)}/32 dev lo"),
        ], ct).ConfigureAwait(false);

        await Ip.InAsync(names.Nat, $"link add eth1 type veth peer name nat0 netns {names.Internet}", ct).ConfigureAwait(false);
        await Ip.BatchAsync(names.Nat, [
            $"addr add {LabAddresses.NatPublic}/{LabAddresses.NatLinkPrefix} dev eth1",
            "link set eth1 up",
            $"route add default via {LabAddresses.InternetSideOfNat}",
        ], ct).ConfigureAwait(false);
        await Ip.NftAsync(names.Nat, """
            table ip vpl {
              chain postrouting { type nat hook postrouting priority srcnat; policy accept; oifname "eth1" masquerade; }
            }
            """, ct).ConfigureAwait(false);

        await Ip.BatchAsync(names.Internet, [
            $"addr add {LabAddresses.InternetSideOfNat}/{LabAddresses.NatLinkPrefix} dev nat0",
            "link set nat0 up",
            .. internet.WebHosts.Values.Concat(internet.ServiceAddresses.Values).Distinct().Select(a => $"addr add {a}/32 dev lo"),
            // The lab's internet has nothing else: other destinations vanish (no route, no ICMP error).
            "route add blackhole default",
        ], ct).ConfigureAwait(false);
    }
}
