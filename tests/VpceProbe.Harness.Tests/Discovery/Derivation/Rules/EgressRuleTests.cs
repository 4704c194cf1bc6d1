using VpceProbe.Contract;
using VpceProbe.Harness.Discovery.Derivation.Rules;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation.Rules;

public class EgressRuleTests
{
    private static readonly EgressRule Rule = new();

    [Fact]
    public void without_an_egress_host_no_outside_host_is_contacted() =>
        Assert.Empty(Derive(Build(), "i-a", only: Rule).Probes);

    [Theory]
    [InlineData("i-a", Expectations.Reachable, "rtb-a sends 0.0.0.0/0 to nat-1")]
    [InlineData("i-b", Expectations.Unreachable, "rtb-b has no route to the internet")]
    public void egress_is_expected_as_the_route_table_implies(string instance, string expect, string why)
    {
        var probe = Assert.Single(Derive(Build(), instance, new(EgressHost: "example.com"), Rule).Probes);

        Assert.Equal((ProbeKinds.Http, "http://example.com/", expect), (probe.Probe.Kind, probe.Probe.Url, probe.Probe.Expect));
        Assert.Contains(why, probe.Reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void a_blackholed_default_route_reaches_nothing() =>
        Assert.Equal(Expectations.Unreachable, Assert.Single(Derive(Blackholed(), "i-a", new(EgressHost: "example.com"), Rule).Probes).Probe.Expect);

    private static Harness.Discovery.VpcSnapshot Blackholed()
    {
        var vpc = Build();
        var table = vpc.RouteTables.Single(t => t.Id == TableA);
        var routes = table.Routes.Select(r => r.DestinationCidr == "0.0.0.0/0" ? r with { State = "blackhole" } : r).ToList();
        return vpc with { RouteTables = [.. vpc.RouteTables.Select(t => t.Id == TableA ? t with { Routes = routes } : t)] };
    }
}
