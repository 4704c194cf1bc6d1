using System.Net;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Turns a <see cref="VpcState"/> into a <see cref="RouterPlan"/>: which namespaces hang on which subnet, what
/// each subnet's policy table holds, the endpoint ENIs and their security groups, the gateway-endpoint paths
/// and the resolver's names. Pure: no I/O.
/// </summary>
public sealed class RouterPlanner(LabNames names, string region, InternetSpec internet)
{
    public RouterPlan Plan(VpcState vpc)
    {
        var subnets = vpc.Subnets.Where(s => s.Cidr is not null).ToDictionary(s => s.Id);
        var used = vpc.Instances.Select(i => i.PrivateIp).ToHashSet();
        var attachments = new List<AttachmentPlan>();
        foreach (var instance in vpc.Instances.Where(i => subnets.ContainsKey(i.SubnetId)))
        {
            attachments.Add(Attach(instance.Id, names.Instance(instance.Id), subnets[instance.SubnetId], instance.PrivateIp, isNat: false));
        }

        // One NAT gateway is modelled (the NAT namespace); it takes moto's address when that lies in its subnet.
        var natAddresses = new Dictionary<string, string>();
        foreach (var nat in vpc.NatGateways.Where(n => subnets.ContainsKey(n.SubnetId)).Take(1))
        {
            var address = nat.PrivateIp ?? Allocate(subnets[nat.SubnetId].Cidr, nat.Id, used);
            used.Add(address);
            natAddresses[nat.Id] = address;
            attachments.Add(Attach(nat.Id, names.Nat, subnets[nat.SubnetId], address, isNat: true));
        }

        var enis = new List<EniPlan>();
        foreach (var endpoint in vpc.Endpoints.Where(e => e.IsInterface).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            var allowed = SecurityGroupSources.AllowedTo443(endpoint.SecurityGroupIds, vpc);
            foreach (var subnetId in endpoint.SubnetIds.Where(subnets.ContainsKey))
            {
                var address = Allocate(subnets[subnetId].Cidr, endpoint.Id + subnetId, used);
                used.Add(address);
                enis.Add(new EniPlan(endpoint.Id, endpoint.Service, subnetId, Bridge(subnetId), address, endpoint.CarriesTraffic, allowed));
            }
        }

        var gatewayEndpoints = vpc.Endpoints.Where(e => !e.IsInterface && e.CarriesTraffic && internet.ServiceAddresses.ContainsKey(e.Service))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select((e, index) => new GatewayEndpointPlan(
                e.Id, e.Service, LabAddresses.GatewayEndpointFrontend(index),
                [.. vpc.Subnets.Where(s => e.RouteTableIds.Contains(s.RouteTableId)).Select(s => s.Cidr)],
                [internet.ServiceAddresses[e.Service]]))
            .Where(g => g.SourceCidrs.Count > 0)
            .Take(LabFabric.GatewayEndpointFrontends) // one pre-assigned router address each
            .ToList();

        return new RouterPlan(
            vpc.Cidr,
            LabAddresses.Resolver(vpc.Cidr),
            vpc.EnableDnsSupport,
            [.. subnets.Values.Select(s => new SubnetPlan(s.Id, s.Cidr, Bridge(s.Id), RouterAddress(s.Cidr), StableIds.TableId(s.Id), Routes(s, vpc, natAddresses)))],
            attachments,
            enis,
            gatewayEndpoints,
            VpcHosts.Render(vpc, enis, region, internet));
    }

    private static IReadOnlyList<string> Routes(SubnetState subnet, VpcState vpc, IReadOnlyDictionary<string, string> natAddresses)
    {
        var routes = new List<string>();
        var table = vpc.RouteTables.FirstOrDefault(t => t.Id == subnet.RouteTableId);
        var natSubnet = vpc.NatGateways.FirstOrDefault(n => natAddresses.ContainsKey(n.Id))?.SubnetId;
        foreach (var route in table?.Routes ?? [])
        {
            if (route.DestinationCidr is null || route.DestinationCidr == vpc.Cidr || route.TargetId == "local")
            {
                continue; // the VPC-local route is the `to VPC lookup main` rule; prefix lists are gateway endpoints (DNAT)
            }

            var destination = route.DestinationCidr == "0.0.0.0/0" ? "default" : route.DestinationCidr;
            // A NAT route goes to the NAT namespace; every other target (an internet gateway for instances without a
            // public address, peering, transit) carries nothing here, and the VPC router drops without an ICMP error.
            routes.Add(route.TargetId is { } target && natAddresses.TryGetValue(target, out var nat)
                ? $"{destination} via {nat} dev {Bridge(natSubnet!)} onlink"
                : $"blackhole {destination}");
        }

        if (!routes.Any(r => r.Contains("default", StringComparison.Ordinal)))
        {
            routes.Add("blackhole default");
        }

        return routes;
    }

    private AttachmentPlan Attach(string id, string ns, SubnetState subnet, string address, bool isNat) =>
        new(id, ns, subnet.Id, Bridge(subnet.Id), StableIds.LinkName(isNat ? "n" : "v", id), address, Cidr.Parse(subnet.Cidr).PrefixLength, Cidr.Parse(subnet.Cidr).Host(1).ToString(), isNat);

    private static string Bridge(string subnetId) => StableIds.LinkName("b", subnetId);

    private static string RouterAddress(string cidr) => $"{Cidr.Parse(cidr).Host(1)}/{Cidr.Parse(cidr).PrefixLength}";

    /// <summary>An address in the subnet from a hash of <paramref name="key"/>, skipping AWS's reserved ones and those in use.</summary>
    private static string Allocate(string cidr, string key, HashSet<string> used)
    {
        var block = Cidr.Parse(cidr);
        var usable = block.Size - 5; // AWS reserves the first four and the last address of every subnet
        for (var i = 0u; i < usable; i++)
        {
            var candidate = block.Host(4 + ((StableIds.Hash(key) + i) % usable)).ToString();
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"subnet {cidr} is full");
    }

    internal static bool InCidr(string cidr, string address) => Cidr.Parse(cidr).Contains(IPAddress.Parse(address));
}
