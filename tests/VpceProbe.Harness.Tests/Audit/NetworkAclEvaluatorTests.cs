using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Tests.Audit;

public class NetworkAclEvaluatorTests
{
    private const string Peer = "10.0.2.0/24";

    [Fact]
    public void the_default_acl_lets_everything_through()
    {
        var acl = Acl(Entry(100, egress: false, "-1", allow: true, "0.0.0.0/0"));

        Assert.Null(NetworkAclEvaluator.FirstBlockingRule(acl, egress: false, Peer, 443, 443));
    }

    [Fact]
    public void the_lowest_numbered_matching_rule_decides()
    {
        var acl = Acl(
            Entry(200, egress: false, "6", allow: true, "0.0.0.0/0", 443, 443),
            Entry(100, egress: false, "6", allow: false, "10.0.0.0/16", 443, 443));

        Assert.Equal(100, NetworkAclEvaluator.FirstBlockingRule(acl, egress: false, Peer, 443, 443));
    }

    [Fact]
    public void ephemeral_ports_allowed_only_in_part_end_at_the_implicit_deny()
    {
        // 32768-65535 is the Linux range; clients on other systems use 1024 and up, so part of the answers is dropped.
        var acl = Acl(Entry(100, egress: true, "6", allow: true, "0.0.0.0/0", 32768, 65535));

        Assert.Equal(NetworkAclEvaluator.ImplicitDeny, NetworkAclEvaluator.FirstBlockingRule(acl, egress: true, Peer, 1024, 65535));
    }

    [Fact]
    public void a_deny_for_a_part_of_the_peer_range_blocks_and_an_allow_for_a_part_does_not_decide()
    {
        var denyPart = Acl(Entry(90, egress: false, "6", allow: false, "10.0.2.128/25", 443, 443), Entry(100, egress: false, "-1", allow: true, "0.0.0.0/0"));
        var allowPart = Acl(Entry(90, egress: false, "6", allow: true, "10.0.2.128/25", 443, 443));

        Assert.Equal(90, NetworkAclEvaluator.FirstBlockingRule(denyPart, egress: false, Peer, 443, 443));
        Assert.Equal(NetworkAclEvaluator.ImplicitDeny, NetworkAclEvaluator.FirstBlockingRule(allowPart, egress: false, Peer, 443, 443));
    }

    [Fact]
    public void rules_for_other_protocols_directions_or_ranges_are_skipped()
    {
        var acl = Acl(
            Entry(10, egress: false, "17", allow: false, "0.0.0.0/0", 443, 443),
            Entry(20, egress: true, "6", allow: false, "0.0.0.0/0", 443, 443),
            Entry(30, egress: false, "6", allow: false, "192.168.0.0/16", 443, 443),
            Entry(40, egress: false, "6", allow: true, "10.0.0.0/16", 443, 443));

        Assert.Null(NetworkAclEvaluator.FirstBlockingRule(acl, egress: false, Peer, 443, 443));
    }

    private static NetworkAclInfo Acl(params NetworkAclEntry[] entries) => new("acl-1", false, ["subnet-1"], entries);

    private static NetworkAclEntry Entry(int rule, bool egress, string protocol, bool allow, string cidr, int? from = null, int? to = null) =>
        new(rule, egress, protocol, allow, cidr, null, from, to);
}
