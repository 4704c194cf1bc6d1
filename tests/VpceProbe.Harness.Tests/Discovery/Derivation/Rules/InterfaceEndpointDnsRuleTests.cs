using VpceProbe.Contract;
using VpceProbe.Harness.Discovery.Derivation.Rules;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation.Rules;

public class InterfaceEndpointDnsRuleTests
{
    [Fact]
    public void private_dns_on_expects_the_service_name_to_resolve_inside_the_vpc_and_names_the_endpoint()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Interface("secretsmanager")), "i-a", only: new InterfaceEndpointDnsRule()).Probes);

        Assert.Equal(("dns-secretsmanager", ProbeKinds.Dns, "secretsmanager.us-east-1.amazonaws.com", Expectations.Private),
            (probe.Probe.Id, probe.Probe.Kind, probe.Probe.Name, probe.Probe.Expect));
        Assert.Equal("vpce-secretsmanager", probe.Reason.EndpointId);
        Assert.Contains("private DNS on", probe.Reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void private_dns_off_expects_the_endpoints_regional_name_to_resolve_inside_the_vpc()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Interface("sts", privateDns: false)), "i-a", only: new InterfaceEndpointDnsRule()).Probes);

        Assert.Equal(("dns-sts-vpce", "vpce-0abc-1234.sts.us-east-1.vpce.amazonaws.com", Expectations.Private), (probe.Probe.Id, probe.Probe.Name, probe.Probe.Expect));
        Assert.Contains("private DNS off", probe.Reason.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("failed")]
    [InlineData("deleting")]
    public void an_endpoint_that_carries_no_traffic_derives_nothing(string state) =>
        Assert.Empty(Derive(Build(endpoints: Interface("ssm", state: state)), "i-a", only: new InterfaceEndpointDnsRule()).Probes);

    [Fact]
    public void a_pending_endpoint_is_checked_since_it_becomes_available_by_itself() =>
        Assert.Single(Derive(Build(endpoints: Interface("ssm", state: "pending")), "i-a", only: new InterfaceEndpointDnsRule()).Probes);
}
