using System.Text.RegularExpressions;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Topology.Validation;

/// <summary>Instances: counts bounded, names unique once expanded, addresses inside their subnet, references resolve.</summary>
internal sealed partial class InstanceCheck : ITopologyCheck
{
    /// <summary>The lab's bound: every instance is a network namespace on one machine.</summary>
    public const int MaxInstances = 200;

    /// <summary>AWS: at most 5 security groups per network interface (default quota).</summary>
    public const int MaxGroupsPerInstance = 5;

    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        var total = t.Instances.Sum(i => Math.Max(i.Count, 0)) + t.NatInstances.Count;
        if (total > MaxInstances)
        {
            context.Error("instances", $"{total} instances in all (counts and NAT instances); the lab runs at most {MaxInstances}");
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < t.Instances.Count; i++)
        {
            var instance = t.Instances[i];
            var path = $"instances[{i}]";
            context.NotBlank($"{path}.name", instance.Name);
            if (instance.Count is < 1 or > MaxInstances)
            {
                context.Error($"{path}.count", $"{instance.Count}: 1 to {MaxInstances}");
            }
            else
            {
                foreach (var name in instance.ExpandedNames().Where(n => !names.TryAdd(n, i)))
                {
                    context.Error($"{path}.name", $"instance name '{name}' is also made by instances[{names[name]}]");
                }
            }

            if (instance.PrivateIp is not null && instance.Count != 1)
            {
                context.Error($"{path}.privateIp", "only an instance with count 1 can have a fixed privateIp");
            }

            context.Reference($"{path}.subnet", instance.Subnet, "subnet", t.Subnets.Select(s => s.Name));
            PrivateIp(context, $"{path}.privateIp", instance.PrivateIp, instance.Subnet);
            if (!Architectures.All.Contains(instance.Architecture))
            {
                context.Error($"{path}.architecture", $"'{instance.Architecture}': \"x86_64\" or \"arm64\"");
            }

            if (!AgentVersion().IsMatch(instance.SsmAgentVersion))
            {
                context.Error($"{path}.ssmAgentVersion", $"'{instance.SsmAgentVersion}' is not a version such as {InstanceSpec.DefaultSsmAgentVersion}");
            }

            context.Reference($"{path}.instanceProfile", instance.InstanceProfile, "instance profile", t.Roles.Select(r => r.InstanceProfile));
            context.References($"{path}.securityGroups", instance.SecurityGroups, "security group", t.SecurityGroups.Select(g => g.Name));
            context.Bounded($"{path}.securityGroups", instance.SecurityGroups.Count, MaxGroupsPerInstance, "AWS's default quota per network interface");
            context.Tags($"{path}.tags", instance.Tags);
        }

        FixedAddressesUnique(context);
        SubnetsHaveRoom(context);
    }

    /// <summary>A fixed address must be inside its subnet and not one of the five AWS reserves there.</summary>
    public static void PrivateIp(TopologyContext context, string path, string? privateIp, string subnetName)
    {
        if (privateIp is null)
        {
            return;
        }

        if (TopologyContext.Address(privateIp) is not { } address)
        {
            context.Error(path, $"'{privateIp}' is not an IPv4 address");
            return;
        }

        if (context.Topology.Subnets.FirstOrDefault(s => s.Name == subnetName) is not { } subnet || TopologyContext.Block(subnet.Cidr) is not { } block)
        {
            return; // the dangling subnet or its bad CIDR is reported where it is
        }

        if (!block.Contains(address))
        {
            context.Error(path, $"{privateIp} is not inside subnet {subnet.Name} ({subnet.Cidr})");
        }
        else if (Cidr.ToUInt(address) - block.Network is var offset && (offset < 4 || offset == block.Size - 1))
        {
            context.Error(path, $"{privateIp} is reserved by AWS in {subnet.Cidr} (the first four addresses and the last)");
        }
    }

    private static void FixedAddressesUnique(TopologyContext context)
    {
        var t = context.Topology;
        var fixedAddresses = t.Instances.Select((x, i) => (x.PrivateIp, Path: $"instances[{i}].privateIp"))
            .Concat(t.NatInstances.Select((x, i) => (x.PrivateIp, Path: $"natInstances[{i}].privateIp")))
            .Where(p => p.PrivateIp is not null);
        foreach (var group in fixedAddresses.GroupBy(p => p.PrivateIp, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var (_, path) in group.Skip(1))
            {
                context.Error(path, $"{group.Key} is also the address of {group.First().Path.Replace(".privateIp", string.Empty, StringComparison.Ordinal)}");
            }
        }
    }

    /// <summary>Every network interface needs an address: instances, NAT gateways and instances, interface endpoints.</summary>
    private static void SubnetsHaveRoom(TopologyContext context)
    {
        var t = context.Topology;
        for (var i = 0; i < t.Subnets.Count; i++)
        {
            var subnet = t.Subnets[i];
            if (TopologyContext.Block(subnet.Cidr) is not { } block)
            {
                continue;
            }

            var usable = (long)block.Size - 5;
            var needed = t.Instances.Where(x => x.Subnet == subnet.Name).Sum(x => (long)Math.Max(x.Count, 0))
                + t.NatGateways.Count(n => n.Subnet == subnet.Name) + t.NatInstances.Count(n => n.Subnet == subnet.Name)
                + t.Endpoints.Count(e => !e.IsGateway && e.Subnets.Contains(subnet.Name));
            if (needed > usable)
            {
                context.Error($"subnets[{i}].cidr", $"{subnet.Cidr} has {usable} usable addresses; its instances, NAT gateways and endpoints need {needed}");
            }
        }
    }

    [GeneratedRegex(@"^[0-9]{1,4}(\.[0-9]{1,5}){2,3}$")]
    private static partial Regex AgentVersion();
}
