using VpceProbe.Harness.Accept;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Tests.Discovery.Derivation;

namespace VpceProbe.Harness.Tests.Accept;

public class AcceptTargetsTests
{
    [Fact]
    public void one_online_instance_per_private_subnet_the_lowest_id_and_never_the_public_subnet()
    {
        var vpc = WithInstances(Instance("i-a2", "subnet-a"), Instance("i-a1", "subnet-a"), Instance("i-p", "subnet-pub"), Instance("i-b", "subnet-b"));

        var selection = AcceptTargets.Choose(vpc, [], TargetSpread.PerSubnet);

        Assert.Equal(["i-a1", "i-b"], selection.Targets.Select(t => t.Instance.Id));
        Assert.Empty(selection.Uncovered);
    }

    [Fact]
    public void per_az_takes_one_instance_per_zone()
    {
        var vpc = WithInstances(Instance("i-a", "subnet-a"), Instance("i-a3", "subnet-a3"), Instance("i-b", "subnet-b"));
        vpc = vpc with { Subnets = [.. vpc.Subnets, vpc.Subnets.Single(s => s.Id == "subnet-a") with { Id = "subnet-a3", RouteTableId = DerivationVpc.TableB }] };

        var selection = AcceptTargets.Choose(vpc, [], TargetSpread.PerAz);

        Assert.Equal(["i-a", "i-b"], selection.Targets.Select(t => t.Instance.Id));
    }

    [Fact]
    public void an_instance_that_is_offline_in_ssm_or_stopped_is_not_chosen_and_its_subnet_is_reported_uncovered()
    {
        var vpc = WithInstances(Instance("i-a", "subnet-a") with { SsmPingStatus = "ConnectionLost" }, Instance("i-a2", "subnet-a") with { State = "stopped" }, Instance("i-b", "subnet-b"));

        var selection = AcceptTargets.Choose(vpc, [], TargetSpread.PerSubnet);

        Assert.Equal(["i-b"], selection.Targets.Select(t => t.Instance.Id));
        Assert.Equal(["subnet subnet-a (us-east-1a): no running SSM-managed instance, not checked"], selection.Uncovered);
    }

    [Fact]
    public void when_ssm_could_not_be_asked_running_is_enough()
    {
        var vpc = WithInstances(Instance("i-a", "subnet-a") with { SsmPingStatus = null }) with { SsmPingStatusKnown = false };

        Assert.Equal("i-a", Assert.Single(AcceptTargets.Choose(vpc, [], TargetSpread.PerSubnet).Targets).Instance.Id);
    }

    [Fact]
    public void named_instances_are_used_as_given_and_one_outside_the_vpc_is_refused()
    {
        var vpc = WithInstances(Instance("i-a", "subnet-a"), Instance("i-p", "subnet-pub"));

        Assert.Equal("i-p", Assert.Single(AcceptTargets.Choose(vpc, ["i-p"], TargetSpread.PerSubnet).Targets).Instance.Id);
        var refused = Assert.Throws<UsageException>(() => AcceptTargets.Choose(vpc, ["i-p", "i-elsewhere"], TargetSpread.PerSubnet));
        Assert.Contains("i-elsewhere", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void no_instance_to_run_on_is_a_usage_error_that_says_to_name_one() =>
        Assert.Contains("--instance", Assert.Throws<UsageException>(() => AcceptTargets.Choose(WithInstances(), [], TargetSpread.PerSubnet)).Message, StringComparison.Ordinal);

    private static VpcSnapshot WithInstances(params InstanceInfo[] instances) => DerivationVpc.Build() with { Instances = instances };

    private static InstanceInfo Instance(string id, string subnet) => new() { Id = id, SubnetId = subnet, State = "running", SsmPingStatus = "Online" };
}
