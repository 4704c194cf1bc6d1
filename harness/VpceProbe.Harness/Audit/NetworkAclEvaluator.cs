using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit;

/// <summary>
/// Does a network ACL let every TCP packet of a port range through from (or to) a peer range? Rules are
/// read in rule-number order and the first that matches decides, like AWS does
/// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). A peer range or port range may be
/// only partly covered by a rule: a partial deny blocks (some packets are dropped), a partial allow decides
/// nothing and evaluation goes on, so the answer is "all allowed" only when it is.
/// </summary>
public static class NetworkAclEvaluator
{
    private const string Tcp = "6";
    private const string All = "-1";

    /// <returns>The rule number that drops some of the traffic (32767 for the final `*` rule), or null when all of it passes.</returns>
    public static int? FirstBlockingRule(NetworkAclInfo acl, bool egress, string peerCidr, int fromPort, int toPort)
    {
        foreach (var entry in acl.Entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber))
        {
            var cidr = entry.Cidr ?? entry.Ipv6Cidr;
            if (cidr is null || (entry.Protocol != All && entry.Protocol != Tcp) || !Cidrs.Overlaps(cidr, peerCidr))
            {
                continue;
            }

            var allPorts = entry.Protocol == All || entry.FromPort is null;
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
}
