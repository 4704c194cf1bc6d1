using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Preflight;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Tests.Preflight;

public class PreflightChecksTests
{
    private static readonly InstanceInfo Target = new() { Id = "i-1", SubnetId = "subnet-1", SsmPingStatus = "Online" };

    private static VpcSnapshot Vpc(params string[] interfaceEndpointServices) => new()
    {
        VpcId = "vpc-1",
        Region = "us-east-1",
        EnableDnsSupport = true,
        EnableDnsHostnames = true,
        Endpoints = [.. interfaceEndpointServices.Select(s => new EndpointInfo
        {
            Id = $"vpce-{s}", ServiceName = $"com.amazonaws.us-east-1.{s}", Type = EndpointType.Interface, State = "available", PrivateDnsEnabled = true,
        })],
    };

    private static ScenarioDefinition Scenario(params ActionDefinition[] actions) => new()
    {
        Name = "t",
        Source = "t.yaml",
        Phases = [new PhaseDefinition("change", 1, actions, [], null)],
    };

    private static readonly ActionDefinition RemoveNat = new() { Type = ActionTypes.RemoveNatRoutes };

    private static IReadOnlyList<PreflightFinding> Run(ScenarioDefinition scenario, VpcSnapshot vpc, TransportKind transport = TransportKind.Ssm, InstanceInfo? target = null) =>
        PreflightChecks.Run(new PreflightInput(scenario, vpc, [target ?? Target], transport));

    [Fact]
    public void removing_nat_without_ssm_endpoints_is_refused_with_the_fix()
    {
        var refusal = Assert.Single(Run(Scenario(RemoveNat), Vpc("ssm")));
        Assert.True(refusal.Refuse);
        Assert.Contains("no interface endpoint for ssmmessages, ec2messages", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("create-interface-endpoint actions", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void removing_nat_is_allowed_when_the_ssm_endpoints_exist_or_are_created_first()
    {
        Assert.Empty(Run(Scenario(RemoveNat), Vpc("ssm", "ssmmessages", "ec2messages")));
        var createFirst = Scenario([.. new[] { "ssmmessages", "ec2messages" }.Select(s => new ActionDefinition { Type = ActionTypes.CreateInterfaceEndpoint, Service = s }), RemoveNat]);
        Assert.Empty(Run(createFirst, Vpc("ssm")));
        var createAfter = Scenario([RemoveNat, .. new[] { "ssmmessages", "ec2messages" }.Select(s => new ActionDefinition { Type = ActionTypes.CreateInterfaceEndpoint, Service = s })]);
        Assert.True(Assert.Single(Run(createAfter, Vpc("ssm"))).Refuse);
    }

    [Theory]
    [InlineData("3.3.1142.0", false)]
    [InlineData("3.3.40.0", false)]
    [InlineData("3.3.39.0", true)]
    [InlineData("3.2.582.0", true)]
    [InlineData(null, true)]
    public void removing_nat_needs_ec2messages_only_for_agents_before_3_3_40_or_of_unknown_version(string? agentVersion, bool refused)
    {
        var findings = Run(Scenario(RemoveNat), Vpc("ssm", "ssmmessages"), target: Target with { SsmAgentVersion = agentVersion });

        Assert.Equal(refused, findings.Any(f => f.Refuse));
        Assert.All(findings, f => Assert.Contains("no interface endpoint for ec2messages (", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void the_local_transport_skips_the_ssm_check_and_says_so()
    {
        var note = Assert.Single(Run(Scenario(RemoveNat), Vpc(), transport: TransportKind.Local));
        Assert.False(note.Refuse);
        Assert.Contains("local transport", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_endpoint_without_describe_instance_information_is_named_as_such_not_blamed_on_permissions()
    {
        var vpc = Vpc() with
        {
            SsmPingStatusKnown = false,
            Warnings = ["SSM DescribeInstanceInformation is not implemented by this endpoint (an emulator such as moto?): SSM ping status unknown."],
        };

        var refusal = Assert.Single(Run(Scenario(), vpc), f => f.Refuse);
        Assert.Contains("not implemented by this endpoint", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("permission", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_target_not_online_in_ssm_is_refused()
    {
        var refusal = Assert.Single(Run(Scenario(), Vpc(), target: Target with { SsmPingStatus = "ConnectionLost" }));
        Assert.True(refusal.Refuse);
        Assert.Contains("i-1 is not online in SSM (ConnectionLost)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void private_dns_needs_both_dns_attributes()
    {
        var privateDns = Scenario(new ActionDefinition { Type = ActionTypes.CreateInterfaceEndpoint, Service = "secretsmanager" });
        Assert.Empty(Run(privateDns, Vpc(), transport: TransportKind.Local));
        var refusal = Assert.Single(Run(privateDns, Vpc() with { EnableDnsHostnames = false }, transport: TransportKind.Local));
        Assert.Contains("modify-vpc-attribute --vpc-id vpc-1", refusal.Message, StringComparison.Ordinal);
    }
}
