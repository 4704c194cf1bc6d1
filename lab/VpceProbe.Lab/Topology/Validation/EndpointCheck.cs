namespace VpceProbe.Lab.Topology.Validation;

/// <summary>
/// VPC endpoints: a service the lab serves, Gateway endpoints on route tables (s3, dynamodb), Interface endpoints
/// in subnets (one per AZ, as AWS requires) with security groups; private DNS needs the VPC's DNS attributes.
/// </summary>
internal sealed class EndpointCheck : ITopologyCheck
{
    private static readonly string[] GatewayServices = ["s3", "dynamodb"];

    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        context.Bounded("endpoints", t.Endpoints.Count, 50, "AWS's default quota of endpoints per VPC");
        context.Unique(t.Endpoints, "endpoints", e => e.Name);
        var gatewayTables = new Dictionary<(string Service, string Table), int>();
        var privateDns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < t.Endpoints.Count; i++)
        {
            var endpoint = t.Endpoints[i];
            var path = $"endpoints[{i}]";
            context.NotBlank($"{path}.name", endpoint.Name);
            context.Tags($"{path}.tags", endpoint.Tags);
            if (endpoint.Policy is { } policy && policy.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                context.Error($"{path}.policy", "a policy is a JSON object (an IAM policy document)");
            }

            if (!t.Internet.ServiceAddresses.ContainsKey(endpoint.Service))
            {
                context.Error($"{path}.service", $"'{endpoint.Service}' is not a service the lab serves (internet.serviceAddresses: {string.Join(", ", t.Internet.ServiceAddresses.Keys)})");
            }

            if (endpoint.Type == EndpointTypes.Gateway)
            {
                Gateway(context, path, endpoint, i, gatewayTables);
            }
            else if (endpoint.Type == EndpointTypes.Interface)
            {
                Interface(context, path, endpoint, i, privateDns);
            }
            else
            {
                context.Error($"{path}.type", $"'{endpoint.Type}': \"Interface\" or \"Gateway\"");
            }
        }
    }

    private static void Gateway(TopologyContext context, string path, EndpointSpec endpoint, int index, Dictionary<(string, string), int> tables)
    {
        if (!GatewayServices.Contains(endpoint.Service))
        {
            context.Error($"{path}.type", $"AWS offers Gateway endpoints for s3 and dynamodb only, not '{endpoint.Service}'");
        }

        foreach (var (field, present) in new[] { ("subnets", endpoint.Subnets.Count > 0), ("securityGroups", endpoint.SecurityGroups.Count > 0), ("privateDns", endpoint.PrivateDns is not null) }.Where(f => f.Item2))
        {
            context.Error($"{path}.{field}", "only Interface endpoints take this; a Gateway endpoint takes routeTables");
        }

        context.References($"{path}.routeTables", endpoint.RouteTables, "route table", context.Topology.RouteTables.Select(r => r.Name));
        foreach (var table in endpoint.RouteTables.Distinct(StringComparer.Ordinal))
        {
            // AWS refuses a second gateway endpoint of a service on the same table (its prefix list route exists).
            if (!tables.TryAdd((endpoint.Service, table), index))
            {
                context.Error($"{path}.routeTables", $"route table '{table}' already has the {endpoint.Service} gateway endpoint endpoints[{tables[(endpoint.Service, table)]}]");
            }
        }
    }

    private static void Interface(TopologyContext context, string path, EndpointSpec endpoint, int index, Dictionary<string, int> privateDns)
    {
        var t = context.Topology;
        if (endpoint.RouteTables.Count > 0)
        {
            context.Error($"{path}.routeTables", "only Gateway endpoints take route tables; an Interface endpoint takes subnets");
        }

        if (endpoint.Subnets.Count == 0)
        {
            context.Error($"{path}.subnets", "an Interface endpoint needs at least one subnet");
        }

        context.References($"{path}.subnets", endpoint.Subnets, "subnet", t.Subnets.Select(s => s.Name));
        context.References($"{path}.securityGroups", endpoint.SecurityGroups, "security group", t.SecurityGroups.Select(g => g.Name));
        foreach (var zone in endpoint.Subnets.Select(s => t.Subnets.FirstOrDefault(x => x.Name == s)?.AvailabilityZone).OfType<string>()
            .GroupBy(z => z).Where(g => g.Count() > 1))
        {
            context.Error($"{path}.subnets", $"{zone.Count()} subnets in {zone.Key}; an Interface endpoint takes at most one subnet per availability zone");
        }

        if (endpoint.PrivateDns ?? true)
        {
            if (!t.Vpc.EnableDnsSupport || !t.Vpc.EnableDnsHostnames)
            {
                context.Error($"{path}.privateDns", "private DNS needs the VPC's enableDnsSupport and enableDnsHostnames (set both, or privateDns: false)");
            }

            // Two endpoints of one service with private DNS would both claim its public name in the VPC.
            if (!privateDns.TryAdd(endpoint.Service, index))
            {
                context.Error($"{path}.privateDns", $"endpoints[{privateDns[endpoint.Service]}] already has private DNS for {endpoint.Service}");
            }
        }
    }
}
