using System.Net;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Turns a <see cref="VpcState"/> into a <see cref="RouterPlan"/>: which namespaces hang on which subnet, what
/// each subnet's policy table and network ACL hold, the endpoint ENIs, every security group as address rules,
/// who the internet gateway translates, the gateway-endpoint paths and the resolver's names. Pure: no I/O.
/// </summary>
internal sealed class RouterPlanner(LabNames names, string region, InternetSpec internet)
{
    public RouterPlan Plan(VpcState vpc)
    {
        var subnets = vpc.Subnets.Where(s => s.Cidr is not null).ToDictionary(s => s.Id);
        var instances = vpc.Instances.Where(i => subnets.ContainsKey(i.SubnetId)).ToList();
        var used = instances.Select(i => i.PrivateIp).ToHashSet();
        var attachments = new List<AttachmentPlan>();
        foreach (var instance in instances)
        {
            // An instance with its source/dest check off is taken for a NAT instance: its OS forwards and masquerades
            // (as a NAT AMI's does). With the check on, AWS drops any packet that is not its own, so it never forwards.
            attachments.Add(Attach(instance.Id, names.Instance(instance.Id), subnets[instance.SubnetId], instance.PrivateIp, AttachmentKind.Instance) with
            {
                Forwards = !instance.SourceDestCheck,
            });
        }

        // One namespace per NAT gateway; it takes moto's address when that lies in its subnet.
        foreach (var nat in vpc.NatGateways.Where(n => subnets.ContainsKey(n.SubnetId)).OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            var address = nat.PrivateIp is { } own && !used.Contains(own) ? own : Allocate(subnets[nat.SubnetId].Cidr, nat.Id, used);
            used.Add(address);
            attachments.Add(Attach(nat.Id, names.NatGateway(nat.Id), subnets[nat.SubnetId], address, AttachmentKind.NatGateway) with { Forwards = true });
        }

        var interfaceEndpoints = vpc.Endpoints.Where(e => e.IsInterface).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var eniAddresses = new List<(EndpointState Endpoint, string SubnetId, string Address)>();
        foreach (var endpoint in interfaceEndpoints)
        {
            foreach (var subnetId in endpoint.SubnetIds.Where(subnets.ContainsKey))
            {
                var address = Allocate(subnets[subnetId].Cidr, endpoint.Id + subnetId, used);
                used.Add(address);
                eniAddresses.Add((endpoint, subnetId, address));
            }
        }

        var groups = new SecurityGroupRules(vpc, [
            .. instances.Select(i => (i.PrivateIp, i.SecurityGroupIds)),
            .. eniAddresses.Select(e => (e.Address, e.Endpoint.SecurityGroupIds)),
        ]);
        var enis = eniAddresses
            .Select(e => new EniPlan(e.Endpoint.Id, e.Endpoint.Service, e.SubnetId, Bridge(e.SubnetId), e.Address, e.Endpoint.CarriesTraffic, groups.Ingress(e.Endpoint.SecurityGroupIds)))
            .ToList();

        var gatewayEndpoints = vpc.Endpoints.Where(e => !e.IsInterface && e.CarriesTraffic && internet.ServiceAddresses.ContainsKey(e.Service))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select((e, index) => new GatewayEndpointPlan(
                e.Id, e.Service, LabAddresses.GatewayEndpointFrontend(index),
                [.. vpc.Subnets.Where(s => e.RouteTableIds.Contains(s.RouteTableId)).Select(s => s.Cidr)],
                [internet.ServiceAddresses[e.Service]]))
            .Where(g => g.SourceCidrs.Count > 0)
            .Take(LabFabric.GatewayEndpointFrontends) // one pre-assigned router address each
            .ToList();

        var targets = new RouteTargets(vpc, attachments, instances);
        return new RouterPlan(
            vpc.Cidr,
            LabAddresses.Resolver(vpc.Cidr),
            vpc.EnableDnsSupport,
            [.. subnets.Values.Select(s => new SubnetPlan(s.Id, s.Cidr, Bridge(s.Id), RouterAddress(s.Cidr), StableIds.TableId(s.Id), targets.Routes(s))
            {
                Acl = NetworkAcl(vpc, s),
            })],
            attachments,
            enis,
            gatewayEndpoints,
            VpcHosts.Render(vpc, enis, region, internet))
        {
            PublicAddresses = PublicAddresses(attachments, instances),
            InstanceFirewalls = [.. instances.Select(i => new InstanceFirewallPlan(i.Id, i.PrivateIp, groups.Ingress(i.SecurityGroupIds), groups.Egress(i.SecurityGroupIds)))],
        };
    }

    private static NetworkAclPlan? NetworkAcl(VpcState vpc, SubnetState subnet) =>
        vpc.NetworkAcls.FirstOrDefault(a => a.Id == subnet.NetworkAclId) is { } acl
            ? new NetworkAclPlan(
                acl.Id,
                [.. acl.Entries.Where(e => !e.Egress).OrderBy(e => e.RuleNumber)],
                [.. acl.Entries.Where(e => e.Egress).OrderBy(e => e.RuleNumber)])
            : null;

    /// <summary>
    /// Every NAT gateway has an Elastic IP; an instance has a public address when EC2 says so (a NAT instance needs
    /// one). Each gets a stable lab address from the documentation range instead of moto's, which could be real.
    /// </summary>
    private static List<PublicAddressPlan> PublicAddresses(IReadOnlyList<AttachmentPlan> attachments, IReadOnlyList<InstanceState> instances)
    {
        var taken = new HashSet<string>();
        var holders = attachments.Where(a => a.IsNat).Select(a => (a.Id, a.Address))
            .Concat(instances.Where(i => i.HasPublicAddress).Select(i => (i.Id, Address: i.PrivateIp)))
            .OrderBy(h => h.Id, StringComparer.Ordinal);
        var plans = new List<PublicAddressPlan>();
        foreach (var (id, address) in holders)
        {
            var pool = Cidr.Parse(LabAddresses.PublicPool);
            var usable = pool.Size - 2;
            for (var i = 0u; i < usable; i++)
            {
                var candidate = pool.Host(1 + ((StableIds.Hash(id) + i) % usable)).ToString();
                if (taken.Add(candidate))
                {
                    plans.Add(new PublicAddressPlan(id, address, candidate));
                    break;
                }
            }
        }

        return plans;
    }

    private AttachmentPlan Attach(string id, string ns, SubnetState subnet, string address, AttachmentKind kind) =>
        new(id, ns, subnet.Id, Bridge(subnet.Id), StableIds.LinkName(kind == AttachmentKind.NatGateway ? "n" : "v", id), address,
            Cidr.Parse(subnet.Cidr).PrefixLength, Cidr.Parse(subnet.Cidr).Host(1).ToString(), kind);

    internal static string Bridge(string subnetId) => StableIds.LinkName("b", subnetId);

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
