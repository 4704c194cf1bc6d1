using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Tests.Scenario;

public class ScenarioReaderTests
{
    private const string Valid = """
        name: s3-through-endpoint
        vpc: vpc-0abc123
        targets:
          instances: [i-0abc123]
        probes:
          - id: egress
            kind: tcp
            host: 10.0.0.10
            port: 443
          - id: bucket
            kind: s3
            bucket: data
        phases:
          - name: before
            expect:
              egress: reachable
              bucket: allowed
          - name: after
            waitFor: 10s
            actions:
              - type: remove-nat-routes
              - type: create-gateway-endpoint
                service: s3
                policy: '{"Statement":[]}'
            expect:
              egress: unreachable
              bucket: allowed
          - name: done
            actions:
              - type: cleanup
                keep: true
        """;

    private static ScenarioDefinition Read(string yaml) => ScenarioReader.Read(yaml, "s.yaml", ".");

    private static ScenarioError SingleError(string yaml) => Assert.Single(Assert.Throws<ScenarioException>(() => Read(yaml)).Errors);

    [Fact]
    public void a_valid_scenario_reads_into_phases_actions_and_expectations()
    {
        var s = Read(Valid);

        Assert.Equal("vpc-0abc123", s.VpcId);
        Assert.Equal(["i-0abc123"], s.Targets.InstanceIds);
        Assert.Equal(["before", "after", "done"], s.Phases.Select(p => p.Name));
        Assert.Equal([ActionTypes.RemoveNatRoutes, ActionTypes.CreateGatewayEndpoint], s.Phases[1].Actions.Select(a => a.Type));
        Assert.Equal("{\"Statement\":[]}", s.Phases[1].Actions[1].Policy);
        Assert.True(s.Phases[2].Actions[0].Keep);
        var plan = PhasePlans.Build(s, s.Phases[1], "us-east-1", ["10.0.0.0/16"], null);
        Assert.Equal(["unreachable", "allowed"], plan.Probes.Select(p => p.Expect));
        Assert.All(plan.Probes, p => Assert.Equal("10s", p.WaitFor));
        Assert.Equal(["10.0.0.0/16"], plan.VpcCidrs);
    }

    [Fact]
    public void an_unknown_field_is_an_error_on_its_line()
    {
        var errors = Assert.Throws<ScenarioException>(() => Read(Valid.Replace("    port: 443", "    prot: 443", StringComparison.Ordinal))).Errors;
        Assert.Contains(errors, e => e.Line == 9 && e.Column == 5 && e.Message.StartsWith("probes[0]: unknown field 'prot'; use id, kind", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("probes[0].port: is required", StringComparison.Ordinal));
    }

    [Fact]
    public void an_expectation_for_an_unknown_probe_names_the_line_and_the_known_ids()
    {
        var error = SingleError(Valid.Replace("      bucket: allowed\n  - name: after", "      buckt: allowed\n  - name: after", StringComparison.Ordinal));
        Assert.Equal(17, error.Line);
        Assert.Contains("'buckt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("egress, bucket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_expectation_the_probe_kind_cannot_have_is_caught_by_the_plan_validator_on_the_expect_line()
    {
        var error = SingleError(Valid.Replace("egress: unreachable", "egress: allowed", StringComparison.Ordinal));
        Assert.Equal(26, error.Line);
        Assert.Contains("phase 'after' expect egress: 'allowed' is not valid for tcp; use reachable, unreachable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_gateway_endpoint_for_a_service_without_one_is_refused() =>
        Assert.Contains("service must be one of s3, dynamodb", SingleError(Valid.Replace("service: s3", "service: sqs", StringComparison.Ordinal)).Message, StringComparison.Ordinal);

    [Fact]
    public void cleanup_before_the_last_phase_is_refused()
    {
        var yaml = Valid.Replace("      - type: remove-nat-routes", "      - type: cleanup", StringComparison.Ordinal);
        Assert.Contains("cleanup must be in the last phase", SingleError(yaml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void broken_yaml_names_its_line()
    {
        var error = SingleError("name: x\nprobes: [\n  - id: a\n");
        Assert.Equal("s.yaml", error.File);
        Assert.True(error.Line > 0);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void every_error_is_reported_at_once()
    {
        var yaml = Valid.Replace("vpc: vpc-0abc123", "vpc: my-vpc", StringComparison.Ordinal).Replace("service: s3", "service: sqs", StringComparison.Ordinal);
        Assert.Equal(2, Assert.Throws<ScenarioException>(() => Read(yaml)).Errors.Count);
    }
}
