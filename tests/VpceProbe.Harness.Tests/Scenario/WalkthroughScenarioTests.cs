using System.Text.Json;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Tests.Scenario;

public class WalkthroughScenarioTests
{
    [Fact]
    public void the_built_in_scenario_is_valid_and_follows_the_walkthrough_phases()
    {
        var s = WalkthroughScenario.Build(new WalkthroughParameters());

        Assert.Empty(ScenarioValidator.Validate(s));
        Assert.Equal("twtechVPC", s.VpcName);
        Assert.Equal(["baseline", "nat-removed", "endpoints", "cleanup"], s.Phases.Select(p => p.Name));
        Assert.Equal("http://google.com/", s.Probes.Single(p => p.Spec.Id == "egress-http").Spec.Url);
        Assert.Equal("think-with-tech.blogspot.com", s.Probes.Single(p => p.Spec.Id == "egress-ping").Spec.Host);
        Assert.Equal(["unreachable", "unreachable", "unreachable", "unreachable", "unreachable", "public"], Expects(s, "nat-removed"));
        Assert.Equal(["unreachable", "unreachable", "allowed", "denied", "allowed", "private"], Expects(s, "endpoints"));
        Assert.Equal([ActionTypes.CreateGatewayEndpoint, ActionTypes.CreateInterfaceEndpoint], s.Phases[2].Actions.Select(a => a.Type));
        Assert.True(s.Phases[2].Actions[1].PrivateDns);
    }

    [Fact]
    public void the_one_bucket_policy_allows_the_bucket_and_its_objects_only()
    {
        var policy = WalkthroughScenario.Build(new WalkthroughParameters { Bucket = "mine" }).Phases[2].Actions[0].Policy!;
        using var doc = JsonDocument.Parse(policy);
        var resources = doc.RootElement.GetProperty("Statement")[0].GetProperty("Resource").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["arn:aws:s3:::mine", "arn:aws:s3:::mine/*"], resources);
    }

    [Fact]
    public void parameters_override_the_lab_defaults()
    {
        var s = WalkthroughScenario.Build(new WalkthroughParameters { VpcId = "vpc-0abc", Region = "eu-west-1", SecretId = "app/x", Nameserver = "10.0.0.2", WaitFor = "30s" });

        Assert.Equal("vpc-0abc", s.VpcId);
        Assert.Null(s.VpcName);
        Assert.Equal("app/x", s.Probes.Single(p => p.Spec.Id == "secret").Spec.SecretId);
        var dns = s.Probes.Single(p => p.Spec.Id == "dns-secretsmanager").Spec;
        Assert.Equal(("secretsmanager.eu-west-1.amazonaws.com", "10.0.0.2"), (dns.Name, dns.Nameserver));
        Assert.All(PhasePlans.ProbesFor(s, s.Phases[1]), p => Assert.Equal("30s", p.WaitFor));
        Assert.All(PhasePlans.ProbesFor(s, s.Phases[0]), p => Assert.Null(p.WaitFor));
    }

    [Fact]
    public void the_probe_timeout_shortens_only_the_probes_a_phase_expects_unreachable()
    {
        var s = WalkthroughScenario.Build(new WalkthroughParameters { ProbeTimeout = "2s" });

        // nat-removed expects every AWS and egress probe unreachable: each waits out 2 s, not its kind's 3-5 s.
        Assert.All(PhasePlans.ProbesFor(s, s.Phases[1]), p => Assert.Equal(p.Expect == "unreachable" ? "2s" : null, p.Timeout));
        // endpoints: the egress probes still wait it out; S3, the secret and DNS are expected to answer and keep their kind's.
        var endpoints = PhasePlans.ProbesFor(s, s.Phases[2]).ToDictionary(p => p.Id, p => p.Timeout);
        Assert.Equal(("2s", "2s"), (endpoints["egress-http"], endpoints["egress-ping"]));
        Assert.Equal([null, null, null, null], new[] { endpoints["s3-bucket"], endpoints["s3-other-bucket"], endpoints["secret"], endpoints["dns-secretsmanager"] });
        Assert.All(PhasePlans.ProbesFor(s, s.Phases[0]), p => Assert.Null(p.Timeout));
        Assert.All(PhasePlans.ProbesFor(WalkthroughScenario.Build(new WalkthroughParameters()), s.Phases[1]), p => Assert.Null(p.Timeout));
    }

    private static IEnumerable<string> Expects(ScenarioDefinition s, string phase) =>
        PhasePlans.ProbesFor(s, s.Phases.Single(p => p.Name == phase)).Select(p => p.Expect);
}
