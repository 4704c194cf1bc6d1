using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.DataPlane;

public class RouterNftRulesTests
{
    [Fact]
    public void the_table_is_replaced_atomically_and_the_router_never_sends_unreachable_errors()
    {
        var script = RouterNftRules.Render(VpcStates.Planner.Plan(VpcStates.Walkthrough()));

        Assert.StartsWith("table ip vpl\ndelete table ip vpl\n", script, StringComparison.Ordinal);
        Assert.Equal(2, script.Split("icmp type { destination-unreachable, redirect } drop").Length - 1);
    }

    [Fact]
    public void an_eni_accepts_443_only_from_what_its_security_group_allows_and_drops_the_rest()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough(true, VpcStates.Interface("secretsmanager")));
        var eni = plan.Enis.Single().Address;

        var script = RouterNftRules.Render(plan);

        Assert.Contains($"ip daddr {eni} meta l4proto tcp th dport 443 ip saddr {{ 10.0.0.0/16 }} accept", script, StringComparison.Ordinal);
        Assert.True(script.IndexOf($"ip daddr {eni} drop", StringComparison.Ordinal) > script.IndexOf($"ip daddr {eni} meta l4proto tcp th dport 443", StringComparison.Ordinal));
    }

    [Fact]
    public void a_pending_eni_drops_everything()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough(true, VpcStates.Interface("secretsmanager", EndpointLifecycle.Pending)));
        var eni = plan.Enis.Single().Address;

        var script = RouterNftRules.Render(plan);

        Assert.DoesNotContain($"ip daddr {eni} meta l4proto tcp", script, StringComparison.Ordinal);
        Assert.Contains($"ip daddr {eni} drop", script, StringComparison.Ordinal);
    }

    [Fact]
    public void a_gateway_endpoint_path_is_a_dnat_from_its_subnets_to_its_frontend()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough(false, VpcStates.Gateway("s3")));
        var gateway = plan.GatewayEndpoints.Single();

        Assert.Contains($"ip saddr {{ 10.0.2.0/24 }} ip daddr {{ {gateway.ServiceAddresses[0]} }} tcp dport {{ 80, 443 }} dnat to {gateway.FrontendAddress}", RouterNftRules.Render(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void with_dns_support_off_the_resolver_does_not_answer()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough() with { EnableDnsSupport = false });

        Assert.Contains("ip daddr 10.0.0.2 meta l4proto { tcp, udp } th dport 53 drop", RouterNftRules.Render(plan), StringComparison.Ordinal);
    }
}
