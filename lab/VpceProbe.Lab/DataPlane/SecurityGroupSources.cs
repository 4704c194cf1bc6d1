namespace VpceProbe.Lab.DataPlane;

/// <summary>Which sources a set of security groups lets reach TCP 443: CIDR rules, plus the addresses of instances in referenced groups.</summary>
internal static class SecurityGroupSources
{
    public static IReadOnlyList<string> AllowedTo443(IReadOnlyList<string> groupIds, VpcState vpc)
    {
        var rules = vpc.SecurityGroups.Where(g => groupIds.Contains(g.Id)).SelectMany(g => g.Ingress).Where(r => r.Allows(443)).ToList();
        var fromGroups = rules.SelectMany(r => r.SourceGroupIds).ToHashSet();
        return
        [
            .. rules.SelectMany(r => r.Cidrs),
            .. vpc.Instances.Where(i => i.SecurityGroupIds.Any(fromGroups.Contains)).Select(i => i.PrivateIp + "/32"),
        ];
    }
}
