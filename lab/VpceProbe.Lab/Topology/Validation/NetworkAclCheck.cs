namespace VpceProbe.Lab.Topology.Validation;

/// <summary>Network ACLs: rule numbers 1-32766 and unique per direction, protocol and ports, a CIDR, allow or deny.</summary>
internal sealed class NetworkAclCheck : ITopologyCheck
{
    /// <summary>AWS's default quota of rules per direction of a network ACL.</summary>
    public const int MaxRules = 20;

    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        context.Bounded("networkAcls", t.NetworkAcls.Count, 200, "AWS's default quota of network ACLs per VPC");
        context.Unique(t.NetworkAcls, "networkAcls", n => n.Name);
        for (var i = 0; i < t.NetworkAcls.Count; i++)
        {
            var acl = t.NetworkAcls[i];
            context.NotBlank($"networkAcls[{i}].name", acl.Name);
            context.Tags($"networkAcls[{i}].tags", acl.Tags);
            Rules(context, $"networkAcls[{i}].ingress", acl.Ingress);
            Rules(context, $"networkAcls[{i}].egress", acl.Egress);
        }
    }

    private static void Rules(TopologyContext context, string path, IReadOnlyList<NetworkAclRuleSpec> rules)
    {
        context.Bounded(path, rules.Count, MaxRules, "AWS's default quota of rules per direction");
        var numbers = new Dictionary<int, int>();
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var at = $"{path}[{r}]";
            if (rule.RuleNumber is < 1 or > 32766)
            {
                context.Error($"{at}.ruleNumber", $"{rule.RuleNumber}: a rule number is 1 to 32766");
            }
            else if (!numbers.TryAdd(rule.RuleNumber, r))
            {
                context.Error($"{at}.ruleNumber", $"{rule.RuleNumber} is also the number of {path}[{numbers[rule.RuleNumber]}]");
            }

            Protocols.CheckPorts(context, at, rule.Protocol, rule.FromPort, rule.ToPort);
            context.CidrAt($"{at}.cidr", rule.Cidr);
            if (rule.Action is not ("allow" or "deny"))
            {
                context.Error($"{at}.action", $"'{rule.Action}': \"allow\" or \"deny\"");
            }
        }
    }
}
