using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.DataPlane;

public class SecurityGroupNftTests
{
    private static string Render(params SecurityGroupRule[] egress)
    {
        var walkthrough = VpcStates.Walkthrough();
        return RouterNftRules.Render(VpcStates.Planner.Plan(walkthrough with
        {
            SecurityGroups = [.. walkthrough.SecurityGroups.Where(g => g.Id != "sg-instance"), new SecurityGroupState("sg-instance", []) { Egress = egress }],
        }));
    }

    [Fact]
    public void an_instance_without_egress_rules_sends_nothing_new_but_replies_and_the_resolver_pass()
    {
        var script = Render();
        var chain = $"sg_out_{VpcStates.Instance.Replace('-', '_')}";

        Assert.Contains($"  chain {chain} {{\n    drop\n  }}", script, StringComparison.Ordinal);
        Assert.Contains($"ip saddr vmap {{ 10.0.2.10 : jump {chain} }}", script, StringComparison.Ordinal);
        var egress = script[script.IndexOf("chain sg_egress", StringComparison.Ordinal)..];
        Assert.True(
            egress.IndexOf("ct state established,related accept", StringComparison.Ordinal) < egress.IndexOf("ip saddr vmap", StringComparison.Ordinal)
            && egress.IndexOf("ip daddr { 10.0.0.2, 169.254.169.254 } accept", StringComparison.Ordinal) < egress.IndexOf("ip saddr vmap", StringComparison.Ordinal),
            egress);
        // Before the gateway endpoint's DNAT (priority -100), so egress rules see the service's own address.
        Assert.Contains("type filter hook prerouting priority -140", script, StringComparison.Ordinal);
    }

    [Fact]
    public void egress_rules_carry_their_protocol_port_range_and_destinations()
    {
        var script = Render(new SecurityGroupRule("udp", 1000, 2000, ["10.9.0.0/16"], []), new SecurityGroupRule("tcp", 443, 443, ["0.0.0.0/0"], []), new SecurityGroupRule("icmp", -1, -1, ["10.0.0.0/16"], []));

        Assert.Contains("    meta l4proto udp th dport 1000-2000 ip daddr { 10.9.0.0/16 } return\n", script, StringComparison.Ordinal);
        Assert.Contains("    meta l4proto tcp th dport 443 return\n", script, StringComparison.Ordinal);
        Assert.Contains("    meta l4proto icmp ip daddr { 10.0.0.0/16 } return\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void instance_ingress_is_checked_at_the_next_hop_so_a_nat_instance_reached_by_a_route_is_covered_too()
    {
        var script = Render(SecurityGroupRule.AllTraffic);

        Assert.Contains($"rt ip nexthop vmap {{ 10.0.2.10 : jump sg_in_{VpcStates.Instance.Replace('-', '_')} }}", script, StringComparison.Ordinal);
    }

    [Fact]
    public void only_sources_with_a_public_address_pass_the_internet_gateway_each_translated_to_its_own()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough());
        var nat = plan.PublicAddresses.Single();
        var script = RouterNftRules.Render(plan);

        Assert.Contains($"oifname \"igw0\" snat to ip saddr map {{ {nat.PrivateAddress} : {nat.PublicAddress} }}", script, StringComparison.Ordinal);
        Assert.Contains($"oifname \"igw0\" ip saddr != {{ {nat.PrivateAddress} }} drop", script, StringComparison.Ordinal);
        Assert.Contains("iifname \"igw0\" ct state new drop", script, StringComparison.Ordinal);
    }
}
