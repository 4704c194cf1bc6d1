using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// What `run` learns from the scenario itself before any change, on moto: the scenario's region is the one the harness
/// calls when --region is not given (whatever AWS_REGION says), and an interface endpoint service the region does not
/// have (well shaped, so the reader cannot tell) refuses the run through DescribeVpcEndpointServices, the VPC untouched.
/// </summary>
public class RunScenarioInputsTests(MotoFixture moto)
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-run-inputs-").FullName;

    private string Scenario(string region, string service)
    {
        var path = Path.Combine(_dir, $"{region}-{service}.yaml");
        File.WriteAllText(path, $$"""
            name: inputs
            region: {{region}}
            probes: [{id: closed, kind: tcp, host: 127.0.0.1, port: 1, expect: unreachable}]
            phases:
              - name: baseline
              - name: private
                actions: [{type: remove-nat-routes}, {type: create-interface-endpoint, service: {{service}}}]
            """);
        return path;
    }

    /// <summary>Only --endpoint-url: the region comes from the scenario (or, without one, from the environment).</summary>
    private Task<CliRun> RunAsync(string scenario, string vpcId, params string[] extra) =>
        CliRun.InvokeAsync(["run", scenario, "--vpc", vpcId, "--transport", "local", "--agent", AgentBinary.Path,
            "--output-dir", Path.Combine(_dir, "out"), "--endpoint-url", moto.Url, .. extra]);

    [Fact]
    public async Task the_scenario_region_is_where_the_harness_looks_for_the_vpc_when_no_region_is_given()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);

        var elsewhere = await RunAsync(Scenario("eu-west-3", "secretsmanager"), vpc.VpcId, "--dry-run");
        var here = await RunAsync(Scenario(moto.Region, "secretsmanager"), vpc.VpcId, "--dry-run");

        Assert.True(elsewhere.ExitCode == ExitCodes.Usage, elsewhere.Output + elsewhere.Error);
        Assert.Contains($"VPC '{vpc.VpcId}' was not found in region eu-west-3", elsewhere.Error, StringComparison.Ordinal);
        Assert.True(here.ExitCode == ExitCodes.Success, here.Output + here.Error);
        Assert.DoesNotContain("was not found", here.Error, StringComparison.Ordinal);
        Assert.Contains(vpc.PrivateTable, here.Output + here.Error, StringComparison.Ordinal); // the dry run's plan names the route table it would change
    }

    [Fact]
    public async Task an_interface_endpoint_service_the_region_does_not_have_refuses_the_run_before_any_change()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var before = await vpc.BaselineAsync(moto);

        var run = await RunAsync(Scenario(moto.Region, "no-such-service"), vpc.VpcId, "--yes");

        Assert.True(run.ExitCode == ExitCodes.Usage, run.Output + run.Error);
        Assert.Contains($"com.amazonaws.{moto.Region}.no-such-service is not an endpoint service in {moto.Region}", run.Output + run.Error, StringComparison.Ordinal);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }
}
