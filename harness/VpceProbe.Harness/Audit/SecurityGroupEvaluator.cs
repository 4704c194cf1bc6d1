using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit;

/// <summary>Questions about security group ingress the endpoint rules ask.</summary>
public static class SecurityGroupEvaluator
{
    /// <summary>Some ingress rule allows TCP <paramref name="port"/> from a range that holds all of <paramref name="peerCidr"/>.</summary>
    /// <remarks>
    /// Rules that name a source security group or a customer prefix list cannot be judged from addresses;
    /// they are taken as allowing, so the audit never reports a problem it cannot show.
    /// </remarks>
    public static bool AllowsTcpFrom(IEnumerable<SecurityGroupInfo> groups, int port, string peerCidr) =>
        groups.SelectMany(g => g.Ingress).Any(r => CoversPort(r, port)
            && (r.Cidrs.Concat(r.Ipv6Cidrs).Any(c => Cidrs.Contains(c, peerCidr)) || r.SourceGroupIds.Count > 0 || r.PrefixListIds.Count > 0));

    /// <summary>The ingress rules that accept any address on the internet (0.0.0.0/0 or ::/0), as "sg-1 tcp 443 from 0.0.0.0/0".</summary>
    public static IEnumerable<string> OpenToAnywhere(SecurityGroupInfo group) =>
        group.Ingress.SelectMany(r => r.Cidrs.Concat(r.Ipv6Cidrs).Where(Cidrs.IsAnywhere).Select(c => $"{Describe(r)} from {c}"));

    private static bool CoversPort(SecurityGroupRule rule, int port) =>
        rule.Protocol == "-1" || (rule.Protocol is "tcp" or "6" && (rule.FromPort ?? 0) <= port && (rule.ToPort ?? 65535) >= port);

    private static string Describe(SecurityGroupRule rule) =>
        rule.Protocol == "-1" ? "all traffic" : $"{rule.Protocol} {rule.FromPort}-{rule.ToPort}";
}
