using System.Net;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Twin;

/// <summary>The VPC's network: internet gateway, subnets, NAT gateways, network ACLs. Route tables are <see cref="RouteTwin"/>.</summary>
internal static class NetworkTwin
{
    /// <summary>The last rule of every NACL, the implicit deny: the lab's ACLs end with it on their own.</summary>
    private const int ImplicitDenyRule = 32767;

    public static InternetGatewaySpec? InternetGateway(TwinScope scope)
    {
        var gateways = scope.Snapshot.InternetGateways;
        foreach (var extra in gateways.Skip(1))
        {
            scope.Report.Leave(extra.Id, "a second internet gateway", "a VPC has at most one");
        }

        if (gateways.FirstOrDefault() is not { } igw)
        {
            return null;
        }

        scope.InternetGateway = igw.Tags.TryGetValue("Name", out var name) && !string.IsNullOrWhiteSpace(name) ? name.Trim() : "igw";
        return new InternetGatewaySpec { Name = scope.InternetGateway, SourceId = igw.Id, Tags = scope.Tags(igw.Id, igw.Tags) };
    }

    /// <summary>Subnets inside the VPC's primary block; others (in a secondary block) are reported, with what is in them.</summary>
    public static IReadOnlyList<SnapshotSubnet> KeptSubnets(TwinScope scope)
    {
        var kept = new List<SnapshotSubnet>();
        foreach (var subnet in scope.Snapshot.Subnets)
        {
            if (IPv4Block(subnet.Cidr) is { } block && scope.VpcCidr.Contains(Cidr.FromUInt(block.Network)) && block.PrefixLength >= scope.VpcCidr.PrefixLength)
            {
                kept.Add(subnet);
            }
            else
            {
                scope.Report.Leave(subnet.Id, $"subnet {subnet.Cidr} and everything in it", $"the twin has the VPC's primary block {scope.VpcCidr} only");
            }
        }

        return kept;
    }

    public static SubnetSpec Subnet(TwinScope scope, SnapshotSubnet subnet, IReadOnlyDictionary<string, string> aclOfSubnet) => new()
    {
        Name = scope.Subnets.Of(subnet.Id)!,
        Cidr = subnet.Cidr,
        AvailabilityZone = subnet.AvailabilityZone,
        RouteTable = subnet.ExplicitAssociation ? scope.RouteTables.Of(subnet.RouteTableId) : null,
        NetworkAcl = aclOfSubnet.GetValueOrDefault(subnet.Id),
        SourceId = subnet.Id,
        Tags = scope.Tags(subnet.Id, subnet.Tags),
    };

    public static void NameSubnets(TwinScope scope, IEnumerable<SnapshotSubnet> subnets)
    {
        foreach (var subnet in subnets)
        {
            scope.Subnets.Assign(subnet.Id, subnet.Tags, $"{(subnet.IsPublic ? "public" : "private")}-{subnet.AvailabilityZone[^1..]}");
        }
    }

    /// <summary>NAT gateways that carry traffic to the internet; a private NAT gateway (to other networks) the lab has no model of.</summary>
    public static IReadOnlyList<NatGatewaySpec> NatGateways(TwinScope scope)
    {
        var specs = new List<NatGatewaySpec>();
        foreach (var nat in scope.Snapshot.NatGateways.Where(n => n.State is "available" or "pending"))
        {
            if (nat.ConnectivityType == "private")
            {
                scope.Report.Leave(nat.Id, "private NAT gateway", "the lab's NAT gateways reach its internet; a private one reaches other networks");
            }
            else if (scope.Subnets.Of(nat.SubnetId) is { } subnet)
            {
                specs.Add(new NatGatewaySpec { Name = scope.NatGateways.Assign(nat.Id, nat.Tags, "nat"), Subnet = subnet, SourceId = nat.Id, Tags = scope.Tags(nat.Id, nat.Tags) });
            }
        }

        return specs;
    }

    /// <summary>
    /// The network ACLs, and which one each subnet uses. A default NACL with AWS's default rules is left implicit (the
    /// lab's default NACL allows everything too); a default NACL with other rules becomes a named NACL its subnets use.
    /// </summary>
    public static (IReadOnlyList<NetworkAclSpec> Acls, IReadOnlyDictionary<string, string> AclOfSubnet) NetworkAcls(TwinScope scope)
    {
        var specs = new List<NetworkAclSpec>();
        var ofSubnet = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var acl in scope.Snapshot.NetworkAcls)
        {
            if (acl.IsDefault && AllowsEverything(acl))
            {
                continue;
            }

            var name = scope.NetworkAcls.Assign(acl.Id, acl.Tags, acl.IsDefault ? "default-nacl" : "nacl");
            if (acl.IsDefault)
            {
                scope.Report.Note(acl.Id, $"the default network ACL has rules of its own: its subnets use it as '{name}' explicitly");
            }

            specs.Add(new NetworkAclSpec
            {
                Name = name,
                Ingress = Rules(scope, acl, egress: false),
                Egress = Rules(scope, acl, egress: true),
                SourceId = acl.Id,
                Tags = scope.Tags(acl.Id, acl.Tags),
            });
            foreach (var subnet in acl.SubnetIds.Where(scope.Subnets.Has))
            {
                ofSubnet[subnet] = name;
            }
        }

        return (specs, ofSubnet);
    }

    private static List<NetworkAclRuleSpec> Rules(TwinScope scope, SnapshotNetworkAcl acl, bool egress)
    {
        var rules = new List<NetworkAclRuleSpec>();
        foreach (var entry in acl.Entries.Where(e => e.Egress == egress && e.RuleNumber != ImplicitDenyRule).OrderBy(e => e.RuleNumber))
        {
            var what = $"{(egress ? "egress" : "ingress")} rule {entry.RuleNumber}";
            var protocol = TwinProtocols.FromAws(entry.Protocol);
            if (entry.Cidr is null)
            {
                scope.Report.Leave(acl.Id, $"{what} ({entry.Ipv6Cidr})", "the twin has no IPv6");
            }
            else if (protocol is null)
            {
                scope.Report.Leave(acl.Id, $"{what} (protocol {entry.Protocol})", "the lab's NACLs take tcp, udp, icmp or all");
            }
            else
            {
                var ports = protocol is "tcp" or "udp";
                rules.Add(new NetworkAclRuleSpec
                {
                    RuleNumber = entry.RuleNumber,
                    Protocol = protocol,
                    FromPort = ports ? entry.FromPort ?? 0 : null,
                    ToPort = ports ? entry.ToPort ?? 65535 : null,
                    Cidr = entry.Cidr,
                    Action = entry.Allow ? "allow" : "deny",
                });
            }
        }

        return rules;
    }

    // AWS's default NACL: rule 100 allows all traffic in and out (plus 101 for ::/0 in a VPC with IPv6), then the deny.
    private static bool AllowsEverything(SnapshotNetworkAcl acl) =>
        acl.Entries.Where(e => e.RuleNumber != ImplicitDenyRule).All(e => e.Allow && e.Protocol == "-1" && (e.Cidr == "0.0.0.0/0" || e.Ipv6Cidr == "::/0"))
        && acl.Entries.Count(e => e.Cidr == "0.0.0.0/0" && e.Allow && e.Protocol == "-1") == 2;

    public static Cidr? IPv4Block(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && IPAddress.TryParse(text[..slash], out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix <= 32
            ? Cidr.Parse(text)
            : null;
    }
}
