namespace VpceProbe.Lab.Topology.Validation;

/// <summary>Security groups: a description, rules with one peer each (a CIDR or a group of the topology).</summary>
internal sealed class SecurityGroupCheck : ITopologyCheck
{
    /// <summary>AWS's default quota of rules per direction of a security group.</summary>
    public const int MaxRules = 60;

    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        context.Bounded("securityGroups", t.SecurityGroups.Count, 500, "AWS's default quota of security groups per VPC");
        context.Unique(t.SecurityGroups, "securityGroups", g => g.Name);
        for (var i = 0; i < t.SecurityGroups.Count; i++)
        {
            var group = t.SecurityGroups[i];
            var path = $"securityGroups[{i}]";
            context.NotBlank($"{path}.name", group.Name);
            context.Tags($"{path}.tags", group.Tags);
            if (group.Name.Equals("default", StringComparison.OrdinalIgnoreCase) || group.Name.StartsWith("sg-", StringComparison.Ordinal))
            {
                context.Error($"{path}.name", $"'{group.Name}' is reserved by AWS (the VPC's default group, or an id)");
            }

            if (string.IsNullOrWhiteSpace(group.Description) || group.Description.Length > 255)
            {
                context.Error($"{path}.description", "AWS needs a description of 1 to 255 characters");
            }

            Rules(context, $"{path}.ingress", group.Ingress);
            Rules(context, $"{path}.egress", group.Egress ?? []);
        }
    }

    private static void Rules(TopologyContext context, string path, IReadOnlyList<SecurityGroupRuleSpec> rules)
    {
        context.Bounded(path, rules.Count, MaxRules, "AWS's default quota of rules per direction");
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var at = $"{path}[{r}]";
            Protocols.CheckPorts(context, at, rule.Protocol, rule.FromPort, rule.ToPort);
            if ((rule.Cidr is null) == (rule.SecurityGroup is null))
            {
                context.Error(at, "a rule has exactly one peer: cidr or securityGroup");
            }

            if (rule.Cidr is not null)
            {
                context.CidrAt($"{at}.cidr", rule.Cidr);
            }

            context.Reference($"{at}.securityGroup", rule.SecurityGroup, "security group", context.Topology.SecurityGroups.Select(g => g.Name));
        }
    }
}
