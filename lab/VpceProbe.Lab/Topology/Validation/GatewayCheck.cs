namespace VpceProbe.Lab.Topology.Validation;

/// <summary>The internet gateway, NAT gateways and NAT instances: names, subnets, what AWS needs to create them.</summary>
internal sealed class GatewayCheck : ITopologyCheck
{
    /// <summary>AWS's default quota of NAT gateways per availability zone.</summary>
    public const int MaxNatGatewaysPerZone = 5;

    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        var subnets = t.Subnets.Select(s => s.Name).ToList();
        if (t.InternetGateway is { } igw)
        {
            context.NotBlank("internetGateway.name", igw.Name);
            context.Tags("internetGateway.tags", igw.Tags);
        }

        context.Unique(t.NatGateways, "natGateways", n => n.Name);
        for (var i = 0; i < t.NatGateways.Count; i++)
        {
            var nat = t.NatGateways[i];
            context.NotBlank($"natGateways[{i}].name", nat.Name);
            context.Tags($"natGateways[{i}].tags", nat.Tags);
            context.Reference($"natGateways[{i}].subnet", nat.Subnet, "subnet", subnets);
            if (t.InternetGateway is null)
            {
                // CreateNatGateway (public) fails with Gateway.NotAttached in a VPC without an internet gateway.
                context.Error($"natGateways[{i}]", "a public NAT gateway needs the VPC's internet gateway (add internetGateway)");
            }
        }

        foreach (var zone in t.NatGateways
            .Select(n => t.Subnets.FirstOrDefault(s => s.Name == n.Subnet)?.AvailabilityZone)
            .OfType<string>().GroupBy(z => z).Where(g => g.Count() > MaxNatGatewaysPerZone))
        {
            context.Error("natGateways", $"{zone.Count()} NAT gateways in {zone.Key}; AWS's default quota is {MaxNatGatewaysPerZone} per zone");
        }

        context.Unique(t.NatInstances, "natInstances", n => n.Name);
        for (var i = 0; i < t.NatInstances.Count; i++)
        {
            var nat = t.NatInstances[i];
            var path = $"natInstances[{i}]";
            context.NotBlank($"{path}.name", nat.Name);
            context.Tags($"{path}.tags", nat.Tags);
            context.Reference($"{path}.subnet", nat.Subnet, "subnet", subnets);
            context.References($"{path}.securityGroups", nat.SecurityGroups, "security group", t.SecurityGroups.Select(g => g.Name));
            InstanceCheck.PrivateIp(context, $"{path}.privateIp", nat.PrivateIp, nat.Subnet);
            if (t.InternetGateway is null)
            {
                context.Error(path, "a NAT instance forwards to the internet gateway; the topology has none (add internetGateway)");
            }
        }

        foreach (var name in t.NatInstances.Select(n => n.Name).Intersect(t.Instances.SelectMany(i => i.ExpandedNames()), StringComparer.Ordinal))
        {
            context.Error("natInstances", $"'{name}' is also the name of an instance; instance names must be unique");
        }
    }
}
