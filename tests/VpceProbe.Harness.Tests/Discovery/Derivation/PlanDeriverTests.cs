using VpceProbe.Contract;
using VpceProbe.Harness.Discovery.Derivation;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Discovery.Derivation;

public class PlanDeriverTests
{
    [Fact]
    public void the_walkthrough_vpc_derives_the_ssm_endpoints_sts_and_the_users_checks_with_a_reason_each()
    {
        var vpc = Build(agentVersion: "3.3.0.0", endpoints: [Interface("ssm"), Interface("ssmmessages"), Interface("ec2messages")]);

        var plan = Derive(vpc, "i-a", new(EgressHost: "example.com", Bucket: "b1", SecretId: "app/db"));

        Assert.Equal(
            ["dns-ssm", "dns-ssmmessages", "dns-ec2messages", "tcp-ssm", "tcp-ssmmessages", "tcp-ec2messages", "sts", "egress", "s3-bucket", "secret"],
            plan.Probes.Select(p => p.Probe.Id));
        Assert.All(plan.Probes, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason.Text)));
        Assert.Empty(PlanValidator.Validate(plan.ToPlan(vpc)));
    }

    [Fact]
    public void the_same_probe_from_two_rules_appears_once_with_both_reasons()
    {
        var plan = Derive(Build(endpoints: Interface("ssm")), "i-a");

        var tcp = Assert.Single(plan.Probes, p => p.Probe.Id == "tcp-ssm");
        Assert.Equal("interface-endpoint-tcp+ssm-control-path", tcp.Reason.Rule);
        Assert.Contains("must accept HTTPS", tcp.Reason.Text, StringComparison.Ordinal);
        Assert.Contains("SSM control path", tcp.Reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void two_rules_deriving_different_probes_under_one_id_is_a_bug_that_is_refused()
    {
        var vpc = Build();

        var error = Assert.Throws<InvalidOperationException>(() => PlanDeriver.Derive(vpc, DerivationTarget.For(vpc, vpc.Instances[0]), new(), [new Fixed("sts"), new Fixed("tcp")]));

        Assert.Contains("'same'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void the_plan_carries_the_vpcs_region_and_cidrs_so_private_means_inside_this_vpc()
    {
        var vpc = Build();

        var plan = Derive(vpc, "i-a").ToPlan(vpc);

        Assert.Equal("us-east-1", plan.Region);
        Assert.Equal(["10.0.0.0/16"], plan.VpcCidrs!);
    }

    private sealed class Fixed(string kind) : IDerivationRule
    {
        public string Id => kind;

        public IEnumerable<DerivedProbe> Derive(DerivationContext context) =>
            [new(new ProbeSpec { Id = "same", Kind = kind, Expect = Expectations.Allowed }, new(kind, kind))];
    }
}
