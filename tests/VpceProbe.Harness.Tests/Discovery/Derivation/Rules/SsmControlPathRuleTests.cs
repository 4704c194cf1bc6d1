using VpceProbe.Contract;
using VpceProbe.Harness.Discovery.Derivation.Rules;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation.Rules;

public class SsmControlPathRuleTests
{
    [Theory]
    [InlineData("3.3.40.0", new[] { "tcp-ssm", "tcp-ssmmessages" })]
    [InlineData("3.3.1802.0", new[] { "tcp-ssm", "tcp-ssmmessages" })]
    [InlineData("3.3.39.0", new[] { "tcp-ssm", "tcp-ssmmessages", "tcp-ec2messages" })]
    [InlineData("3.2.582.0", new[] { "tcp-ssm", "tcp-ssmmessages", "tcp-ec2messages" })]
    [InlineData(null, new[] { "tcp-ssm", "tcp-ssmmessages", "tcp-ec2messages" })]
    [InlineData("not-a-version", new[] { "tcp-ssm", "tcp-ssmmessages", "tcp-ec2messages" })]
    public void ec2messages_is_checked_only_where_the_agent_version_needs_it(string? version, string[] expected)
    {
        var plan = Derive(Build(agentVersion: version), "i-a", only: new SsmControlPathRule());

        Assert.Equal(expected, plan.Probes.Select(p => p.Probe.Id));
        Assert.All(plan.Probes, p => Assert.Equal((443, Expectations.Reachable), (p.Probe.Port, p.Probe.Expect)));
    }

    [Fact]
    public void the_reason_says_whether_the_path_is_an_endpoint_or_the_default_route()
    {
        var plan = Derive(Build(endpoints: Interface("ssm")), "i-a", only: new SsmControlPathRule());

        var ssm = plan.Probes.Single(p => p.Probe.Id == "tcp-ssm");
        var messages = plan.Probes.Single(p => p.Probe.Id == "tcp-ssmmessages");
        Assert.Contains("through interface endpoint vpce-ssm", ssm.Reason.Text, StringComparison.Ordinal);
        Assert.Contains("route table rtb-a sends 0.0.0.0/0 to nat-1", messages.Reason.Text, StringComparison.Ordinal);
        Assert.Equal(TableA, messages.Reason.RouteTableId);
    }
}
