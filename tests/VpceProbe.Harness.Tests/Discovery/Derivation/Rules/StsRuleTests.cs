using VpceProbe.Contract;
using VpceProbe.Harness.Discovery.Derivation.Rules;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation.Rules;

public class StsRuleTests
{
    private static readonly StsRule Rule = new();

    [Fact]
    public void an_sts_endpoint_with_private_dns_makes_sts_allowed_everywhere()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Interface("sts")), "i-b", only: Rule).Probes);

        Assert.Equal((ProbeKinds.Sts, Expectations.Allowed, "vpce-sts"), (probe.Probe.Kind, probe.Probe.Expect, probe.Reason.EndpointId));
    }

    [Fact]
    public void without_an_endpoint_a_nat_route_makes_sts_allowed()
    {
        var probe = Assert.Single(Derive(Build(), "i-a", only: Rule).Probes);

        Assert.Equal((Expectations.Allowed, TableA), (probe.Probe.Expect, probe.Reason.RouteTableId));
    }

    [Fact]
    public void with_neither_sts_is_expected_out_of_reach_as_the_route_table_implies()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Interface("sts", privateDns: false)), "i-b", only: Rule).Probes);

        Assert.Equal(Expectations.Unreachable, probe.Probe.Expect);
        Assert.Contains("route table rtb-b has no route to the internet", probe.Reason.Text, StringComparison.Ordinal);
    }
}
