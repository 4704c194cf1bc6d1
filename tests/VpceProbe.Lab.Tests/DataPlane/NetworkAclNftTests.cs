using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.DataPlane;

public class NetworkAclNftTests
{
    private static RouterPlan PlanWithAcl(params NetworkAclEntry[] entries)
    {
        var walkthrough = VpcStates.Walkthrough();
        return VpcStates.Planner.Plan(walkthrough with
        {
            Subnets = [walkthrough.Subnets[0], walkthrough.Subnets[1] with { NetworkAclId = "acl-1" }],
            NetworkAcls = [new NetworkAclState("acl-1", entries)],
        });
    }

    [Fact]
    public void rules_are_evaluated_in_number_order_with_allow_as_return_deny_as_drop_and_everything_else_denied()
    {
        var script = RouterNftRules.Render(PlanWithAcl(
            new NetworkAclEntry(200, false, "-1", null, null, "0.0.0.0/0", true),
            new NetworkAclEntry(100, false, "6", 443, 443, "10.0.1.0/24", false),
            new NetworkAclEntry(100, true, "6", 1024, 65535, "10.0.1.0/24", true)));

        Assert.Contains(
            "  chain nacl_in_acl_1 {\n    meta l4proto tcp th dport 443 ip saddr 10.0.1.0/24 drop comment \"rule 100\"\n    return comment \"rule 200\"\n    drop comment \"rule *\"\n  }",
            script, StringComparison.Ordinal);
        // Egress rules match the destination; the port range is the destination port (the ephemeral one for replies).
        Assert.Contains(
            "  chain nacl_out_acl_1 {\n    meta l4proto tcp th dport 1024-65535 ip daddr 10.0.1.0/24 return comment \"rule 100\"\n    drop comment \"rule *\"\n  }",
            script, StringComparison.Ordinal);
    }

    [Fact]
    public void the_acl_applies_where_traffic_leaves_or_enters_its_subnet_never_inside_it_and_never_to_the_resolver_or_metadata()
    {
        var plan = PlanWithAcl();
        var bridge = plan.Subnets.Single(s => s.Id == VpcStates.PrivateSubnet).Bridge;
        var script = RouterNftRules.Render(plan);

        Assert.Contains($"iifname \"{bridge}\" ip daddr != 10.0.2.0/24 jump nacl_out_acl_1", script, StringComparison.Ordinal);
        Assert.Contains($"oifname \"{bridge}\" iifname != \"{bridge}\" jump nacl_in_acl_1", script, StringComparison.Ordinal);
        Assert.Contains($"ip daddr 10.0.2.0/24 iifname != \"{bridge}\" jump nacl_in_acl_1", script, StringComparison.Ordinal);
        Assert.Contains($"ip saddr 10.0.2.0/24 oifname != \"{bridge}\" jump nacl_out_acl_1", script, StringComparison.Ordinal);
        Assert.Contains($"oifname \"{bridge}\" ip saddr != 10.0.2.0/24 jump nacl_in_acl_1", script, StringComparison.Ordinal);
        Assert.Equal(5, script.Split("{ 10.0.0.2, 169.254.169.254 } accept").Length - 1); // 4 ACL hooks + the security-group one
        // The public subnet keeps the default ACL: no jump for its bridge.
        Assert.DoesNotContain(plan.Subnets.Single(s => s.Id == VpcStates.PublicSubnet).Bridge + "\" ip daddr !=", script, StringComparison.Ordinal);
    }

    [Fact]
    public void without_any_acl_no_acl_chain_is_made()
    {
        Assert.DoesNotContain("nacl_", RouterNftRules.Render(VpcStates.Planner.Plan(VpcStates.Walkthrough())), StringComparison.Ordinal);
    }
}
