namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// A subnet's route table as `ip route` arguments for its policy table. A route goes where its target is in the
/// lab: a NAT gateway's namespace, an instance's namespace (a route to the instance or to its ENI) when its
/// source/dest check is off, or the internet gateway link. Anything else (peering, transit, a target that is
/// gone, an instance that checks source/dest) is a blackhole: dropped with no ICMP error, as AWS drops it.
/// </summary>
internal sealed class RouteTargets(VpcState vpc, IReadOnlyList<AttachmentPlan> attachments, IReadOnlyList<InstanceState> instances)
{
    public IReadOnlyList<string> Routes(SubnetState subnet)
    {
        var routes = new List<string>();
        var table = vpc.RouteTables.FirstOrDefault(t => t.Id == subnet.RouteTableId);
        foreach (var route in table?.Routes ?? [])
        {
            if (route.DestinationCidr is null || route.DestinationCidr == vpc.Cidr || route.TargetId == "local")
            {
                continue; // the VPC-local route is the `to VPC lookup main` rule; prefix lists are gateway endpoints (DNAT)
            }

            var destination = route.DestinationCidr == "0.0.0.0/0" ? "default" : route.DestinationCidr;
            routes.Add(Via(route.TargetId) is { } via ? $"{destination} {via}" : $"blackhole {destination}");
        }

        if (!routes.Any(r => r.StartsWith("default", StringComparison.Ordinal) || r == "blackhole default"))
        {
            routes.Add("blackhole default");
        }

        return routes;
    }

    private string? Via(string? target)
    {
        if (target is null)
        {
            return null;
        }

        if (target.StartsWith("igw-", StringComparison.Ordinal))
        {
            // Only sources with a public address get through the gateway (nft drops the rest): as in AWS, an
            // instance with only a private address cannot use an internet gateway.
            return $"via {LabAddresses.InternetSideOfIgw} dev {LabFabric.IgwLink} onlink";
        }

        if (attachments.FirstOrDefault(a => a.IsNat && a.Id == target) is { } nat)
        {
            return $"via {nat.Address} dev {nat.Bridge} onlink";
        }

        // A route to an instance or its ENI reaches it; with the source/dest check on, AWS drops what it would forward.
        // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html (Disable source/destination checks)
        var instance = instances.FirstOrDefault(i => i.Id == target || i.NetworkInterfaceIds.Contains(target));
        return instance is { SourceDestCheck: false } && attachments.FirstOrDefault(a => a.Id == instance.Id) is { } attached
            ? $"via {attached.Address} dev {attached.Bridge} onlink"
            : null;
    }
}
