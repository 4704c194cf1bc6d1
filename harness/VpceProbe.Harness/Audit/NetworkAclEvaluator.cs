using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit;

/// <summary>
/// Does a network ACL let every TCP packet of a port range through from (or to) a peer range? Rules are
/// read in rule-number order and the first that matches decides, like AWS does
/// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). A peer range or port range may be
/// only partly covered by a rule: a partial deny blocks (some packets are dropped), a partial allow decides
/// nothing and evaluation goes on, so the answer is "all allowed" only when it is.
/// </summary>
internal static class NetworkAclEvaluator
{
    /// <summary>AWS's protocol number for TCP, as NACL entries carry it.</summary>
    public const string Tcp = "6";

    /// <summary>ICMP: NACL entries for it have no port range, so any port range asked is covered.</summary>
    public const string Icmp = "1";

    private const string All = "-1";

    /// <param name="protocol">The protocol number: <see cref="Tcp"/> (the default) or <see cref="Icmp"/>.</param>
    /// <returns>The rule number that drops some of the traffic (32767 for the final `*` rule), or null when all of it passes.</returns>
    public static int? FirstBlockingRule(NetworkAclInfo acl, bool egress, string peerCidr, int fromPort, int toPort, string protocol = Tcp)
    {
        foreach (var entry in acl.Entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber))
        {
            var cidr = entry.Cidr ?? entry.Ipv6Cidr;
            if (cidr is null || (entry.Protocol != All && entry.Protocol != protocol) || !Cidrs.Overlaps(cidr, peerCidr))
            {
                continue;
            }

            var allPorts = entry.Protocol == All || entry.FromPort is null || protocol == Icmp;
            var portsOverlap = allPorts || (entry.FromPort <= toPort && entry.ToPort >= fromPort);
            if (!portsOverlap)
            {
                continue;
            }

            if (!entry.Allow)
            {
                return entry.RuleNumber;
            }

            var coversPorts = allPorts || (entry.FromPort <= fromPort && entry.ToPort >= toPort);
            if (coversPorts && Cidrs.Contains(cidr, peerCidr))
            {
                return null;
            }
        }

        // Past the numbered rules every ACL ends in the implicit `*` deny.
        return ImplicitDeny;
    }

    public const int ImplicitDeny = 32767;

    /// <summary>"100", or "*" for the implicit deny, as the console names NACL rules.</summary>
    public static string RuleName(int rule) => rule == ImplicitDeny ? "*" : rule.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
