using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Twin;

/// <summary>
/// Security groups with their rules, one peer per rule as a topology has them (AWS groups several CIDRs and groups
/// in one permission). Egress is always written out, so the twin has exactly the real rules, none included.
/// </summary>
internal static class SecurityGroupTwin
{
    /// <summary>AWS reserves "default" (the VPC's own group) and names starting with "sg-"; the twin makes an ordinary group.</summary>
    private const string DefaultGroupName = "vpc-default";

    public static void Name(TwinScope scope)
    {
        foreach (var group in scope.Snapshot.SecurityGroups)
        {
            var reserved = group.Name.Equals("default", StringComparison.OrdinalIgnoreCase) || group.Name.StartsWith("sg-", StringComparison.Ordinal);
            var name = scope.SecurityGroups.Assign(group.Id, reserved ? null : group.Name, group.Name.Equals("default", StringComparison.OrdinalIgnoreCase) ? DefaultGroupName : $"group-{group.Name}");
            if (reserved)
            {
                scope.Report.Note(group.Id, $"security group '{group.Name}' is '{name}' in the twin (AWS reserves that name; the twin's group has its rules)");
            }
        }
    }

    public static IReadOnlyList<SecurityGroupSpec> Groups(TwinScope scope) =>
        [.. scope.Snapshot.SecurityGroups.Select(group => new SecurityGroupSpec
        {
            Name = scope.SecurityGroups.Of(group.Id)!,
            Description = Description(group),
            Ingress = Rules(scope, group, group.Ingress, "ingress"),
            Egress = Rules(scope, group, group.Egress, "egress"),
            SourceId = group.Id,
            Tags = scope.Tags(group.Id, group.Tags),
        })];

    // AWS requires a description (1-255 characters); every real group has one, a hand-made snapshot might not.
    private static string Description(SnapshotSecurityGroup group) =>
        string.IsNullOrWhiteSpace(group.Description) ? $"from {group.Id}" : group.Description.Length > 255 ? group.Description[..255] : group.Description;

    private static List<SecurityGroupRuleSpec> Rules(TwinScope scope, SnapshotSecurityGroup group, IReadOnlyList<SnapshotSecurityGroupRule> rules, string direction)
    {
        var specs = new List<SecurityGroupRuleSpec>();
        foreach (var rule in rules)
        {
            var what = $"{direction} {rule.Protocol} {rule.FromPort}-{rule.ToPort}";
            if (TwinProtocols.FromAws(rule.Protocol) is not { } protocol)
            {
                scope.Report.Leave(group.Id, what, "the lab's security groups take tcp, udp, icmp or all");
                continue;
            }

            var ports = protocol is "tcp" or "udp";
            if (protocol == "icmp" && rule.FromPort is not (null or -1))
            {
                scope.Report.Note(group.Id, $"{what}: ICMP type {rule.FromPort} is all ICMP in the twin");
            }

            SecurityGroupRuleSpec Base() => new() { Protocol = protocol, FromPort = ports ? rule.FromPort : null, ToPort = ports ? rule.ToPort : null };
            specs.AddRange(rule.Cidrs.Select(c => Base() with { Cidr = c }));
            foreach (var peer in rule.SourceGroupIds)
            {
                if (scope.SecurityGroups.Of(peer) is { } name)
                {
                    specs.Add(Base() with { SecurityGroup = name });
                }
                else
                {
                    scope.Report.Leave(group.Id, $"{what} with group {peer}", "that group is not in this VPC");
                }
            }

            foreach (var peer in rule.Ipv6Cidrs)
            {
                scope.Report.Leave(group.Id, $"{what} with {peer}", "the twin has no IPv6");
            }

            foreach (var peer in rule.PrefixListIds)
            {
                scope.Report.Leave(group.Id, $"{what} with prefix list {peer}", "a topology's rules name a CIDR or a group");
            }
        }

        return specs;
    }
}
