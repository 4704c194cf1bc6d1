using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit;

/// <summary>The rule of a security group that lets some traffic through, as "sg-1 tcp 443-443 from 10.0.0.0/16".</summary>
internal sealed record SecurityGroupMatch(string GroupId, string Rule);

/// <summary>
/// Questions about security group rules, asked by the endpoint audit rules and by the prediction of each
/// probe's path. Security groups are stateful and allow-only: traffic passes when some rule of some group
/// attached covers its protocol, port and peer; nothing matching means dropped.
/// </summary>
internal static class SecurityGroupEvaluator
{
    /// <summary>Some ingress rule allows TCP <paramref name="port"/> from a range that holds all of <paramref name="peerCidr"/>.</summary>
    /// <remarks>
    /// Rules that name a source security group or a customer prefix list cannot be judged from addresses;
    /// they are taken as allowing, so the audit never reports a problem it cannot show.
    /// </remarks>
    public static bool AllowsTcpFrom(IEnumerable<SecurityGroupInfo> groups, int port, string peerCidr) =>
        FirstAllowing(groups, egress: false, "tcp", port, peerCidr, peerGroupIds: null) is not null;

    /// <summary>
    /// The first rule (in the groups' order) that lets <paramref name="protocol"/> traffic to <paramref name="port"/>
    /// through to or from <paramref name="peerCidr"/>; null when none does (the traffic is dropped).
    /// </summary>
    /// <param name="protocol">"tcp" or "icmp" (the port is then ignored).</param>
    /// <param name="peerGroupIds">
    /// The groups the peer is a member of, to judge rules that name a group; null when unknown, and such rules then
    /// count as allowing (never a problem that cannot be shown). Customer prefix lists are always taken as allowing.
    /// </param>
    public static SecurityGroupMatch? FirstAllowing(
        IEnumerable<SecurityGroupInfo> groups, bool egress, string protocol, int port, string peerCidr, IReadOnlyCollection<string>? peerGroupIds)
    {
        foreach (var group in groups)
        {
            foreach (var rule in egress ? group.Egress : group.Ingress)
            {
                if (!Covers(rule, protocol, port))
                {
                    continue;
                }

                var peer = rule.Cidrs.Concat(rule.Ipv6Cidrs).FirstOrDefault(c => Cidrs.Contains(c, peerCidr))
                    ?? rule.SourceGroupIds.FirstOrDefault(g => peerGroupIds is null || peerGroupIds.Contains(g))
                    ?? rule.PrefixListIds.FirstOrDefault();
                if (peer is not null)
                {
                    return new SecurityGroupMatch(group.Id, $"{group.Id} {Describe(rule)} {(egress ? "to" : "from")} {peer}");
                }
            }
        }

        return null;
    }

    /// <summary>The ingress rules that accept any address on the internet (0.0.0.0/0 or ::/0), as "sg-1 tcp 443 from 0.0.0.0/0".</summary>
    public static IEnumerable<string> OpenToAnywhere(SecurityGroupInfo group) =>
        group.Ingress.SelectMany(r => r.Cidrs.Concat(r.Ipv6Cidrs).Where(Cidrs.IsAnywhere).Select(c => $"{Describe(r)} from {c}"));

    private static bool Covers(SecurityGroupRule rule, string protocol, int port) =>
        rule.Protocol == "-1"
        || (protocol == "tcp" && rule.Protocol is "tcp" or "6" && (rule.FromPort ?? 0) <= port && (rule.ToPort ?? 65535) >= port)
        || (protocol == "icmp" && rule.Protocol is "icmp" or "1");

    private static string Describe(SecurityGroupRule rule) =>
        rule.Protocol == "-1" ? "all traffic" : $"{rule.Protocol} {rule.FromPort}-{rule.ToPort}";
}
