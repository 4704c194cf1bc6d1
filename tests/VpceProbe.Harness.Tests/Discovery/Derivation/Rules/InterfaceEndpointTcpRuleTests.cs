using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Discovery.Derivation.Rules;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation.Rules;

public class InterfaceEndpointTcpRuleTests
{
    [Fact]
    public void private_dns_on_expects_443_reachable_at_the_service_name_and_names_the_security_groups()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Interface("ssm")), "i-b", only: new InterfaceEndpointTcpRule()).Probes);

        Assert.Equal(("tcp-ssm", ProbeKinds.Tcp, "ssm.us-east-1.amazonaws.com", 443, Expectations.Reachable),
            (probe.Probe.Id, probe.Probe.Kind, probe.Probe.Host, probe.Probe.Port, probe.Probe.Expect));
        Assert.Contains("sg-endpoints", probe.Reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void private_dns_off_dials_the_endpoints_own_name()
    {
        var probe = Assert.Single(Derive(Build(endpoints: Interface("kms", privateDns: false)), "i-a", only: new InterfaceEndpointTcpRule()).Probes);

        Assert.Equal(("tcp-kms-vpce", "vpce-0abc-1234.kms.us-east-1.vpce.amazonaws.com"), (probe.Probe.Id, probe.Probe.Host));
    }

    [Fact]
    public void private_dns_off_and_no_name_from_aws_derives_nothing_rather_than_a_guess()
    {
        var endpoint = Interface("kms", privateDns: false) with { DnsNames = [] };

        Assert.Empty(Derive(Build(endpoints: endpoint), "i-a", only: new InterfaceEndpointTcpRule()).Probes);
    }

    [Fact]
    public void gateway_endpoints_are_not_interface_endpoints() =>
        Assert.Empty(Derive(Build(endpoints: Gateway("s3", null, TableA)), "i-a", only: new InterfaceEndpointTcpRule()).Probes);

    [Fact]
    public void a_gateway_load_balancer_endpoint_is_left_alone() =>
        Assert.Empty(Derive(Build(endpoints: Interface("x") with { Type = EndpointType.GatewayLoadBalancer }), "i-a", only: new InterfaceEndpointTcpRule()).Probes);
}
