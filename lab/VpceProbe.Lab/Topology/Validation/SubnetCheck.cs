using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Topology.Validation;

/// <summary>Subnets: inside the VPC, not overlapping, in an AZ of the region, their route table and NACL exist.</summary>
internal sealed class SubnetCheck : ITopologyCheck
{
    /// <summary>AWS's default quota of subnets per VPC.</summary>
    public const int MaxSubnets = 200;

    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        context.Bounded("subnets", t.Subnets.Count, MaxSubnets, "AWS's default quota of subnets per VPC");
        context.Unique(t.Subnets, "subnets", s => s.Name);
        var placed = new List<(int Index, Cidr Block)>();
        for (var i = 0; i < t.Subnets.Count; i++)
        {
            var subnet = t.Subnets[i];
            var path = $"subnets[{i}]";
            context.NotBlank($"{path}.name", subnet.Name);
            context.Tags($"{path}.tags", subnet.Tags);
            if (!subnet.AvailabilityZone.StartsWith(t.Region, StringComparison.Ordinal)
                || subnet.AvailabilityZone.Length != t.Region.Length + 1 || !char.IsAsciiLetterLower(subnet.AvailabilityZone[^1]))
            {
                context.Error($"{path}.availabilityZone", $"'{subnet.AvailabilityZone}' is not an availability zone of {t.Region} (e.g. {t.Region}a)");
            }

            context.Reference($"{path}.routeTable", subnet.RouteTable, "route table", t.RouteTables.Select(r => r.Name));
            context.Reference($"{path}.networkAcl", subnet.NetworkAcl, "network ACL", t.NetworkAcls.Select(n => n.Name));
            if (context.CidrAt($"{path}.cidr", subnet.Cidr, minPrefix: 16, maxPrefix: 28) is not { } block)
            {
                continue;
            }

            if (context.VpcCidr is { } vpc && !(vpc.Contains(Cidr.FromUInt(block.Network)) && block.PrefixLength >= vpc.PrefixLength))
            {
                context.Error($"{path}.cidr", $"{subnet.Cidr} is not inside the VPC's {vpc}");
            }

            foreach (var (other, otherBlock) in placed.Where(p => Overlap(p.Block, block)))
            {
                context.Error($"{path}.cidr", $"{subnet.Cidr} overlaps subnets[{other}] ({otherBlock})");
            }

            placed.Add((i, block));
        }
    }

    private static bool Overlap(Cidr a, Cidr b) => a.Contains(Cidr.FromUInt(b.Network)) || b.Contains(Cidr.FromUInt(a.Network));
}
