namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>The instance a plan is derived for, its subnet, and the route table that subnet really uses.</summary>
internal sealed record DerivationTarget(InstanceInfo Instance, SubnetInfo Subnet, RouteTableInfo? RouteTable)
{
    public static DerivationTarget For(VpcSnapshot vpc, InstanceInfo instance)
    {
        var subnet = vpc.Subnets.FirstOrDefault(s => s.Id == instance.SubnetId)
            ?? throw new ArgumentException($"instance {instance.Id} is in subnet {instance.SubnetId}, which is not in {vpc.VpcId}", nameof(instance));
        return new(instance, subnet, vpc.RouteTables.FirstOrDefault(t => t.Id == subnet.RouteTableId));
    }

    /// <summary>The "Name" tag, or null.</summary>
    public string? Name => Instance.Tags.GetValueOrDefault("Name");
}
