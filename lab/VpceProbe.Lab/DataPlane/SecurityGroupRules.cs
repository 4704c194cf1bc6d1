namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// A set of security groups as allow rules with addresses: CIDR peers as they are, a referenced group as the
/// addresses of its members (instances and interface-endpoint ENIs that carry it), as AWS resolves them.
/// </summary>
internal sealed class SecurityGroupRules(VpcState vpc, IReadOnlyList<(string Address, IReadOnlyList<string> GroupIds)> members)
{
    public IReadOnlyList<FirewallRule> Ingress(IReadOnlyList<string> groupIds) =>
        Resolve(vpc.SecurityGroups.Where(g => groupIds.Contains(g.Id)).SelectMany(g => g.Ingress));

    public IReadOnlyList<FirewallRule> Egress(IReadOnlyList<string> groupIds) =>
        Resolve(vpc.SecurityGroups.Where(g => groupIds.Contains(g.Id)).SelectMany(g => g.Egress));

    private List<FirewallRule> Resolve(IEnumerable<SecurityGroupRule> rules) =>
        [.. rules
            .Select(r => new FirewallRule(r.Protocol, r.FromPort, r.ToPort, [
                .. r.Cidrs,
                .. members.Where(m => m.GroupIds.Any(r.PeerGroupIds.Contains)).Select(m => m.Address + "/32"),
            ]))
            .Where(r => r.Peers.Count > 0)];
}
