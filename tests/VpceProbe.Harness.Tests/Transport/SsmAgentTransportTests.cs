using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Ssm;
using VpceProbe.Harness.Tests.Deploy;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Transport;
using static VpceProbe.Harness.Tests.Ssm.SsmReplayServer;
using static VpceProbe.Harness.Tests.Transport.TransportSamples;

namespace VpceProbe.Harness.Tests.Transport;

/// <summary>The ssm transport commands use: deploy on first use, then run (backends: moto EC2/S3, replay server for SSM).</summary>
public class SsmAgentTransportTests(MotoFixture moto)
{
    [Fact]
    public async Task the_first_run_deploys_and_later_runs_go_straight_to_the_installed_agent()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var instance = await lab.InstanceAsync("x86_64");
        lab.Ssm.Script = (_, command) => command.StartsWith("sha256sum", StringComparison.Ordinal)
            ? [Invocation("Success", code: 0, stdout: $"{lab.X64.Sha256}  {lab.X64.RemotePath}")]
            : [Invocation("Failed", code: 1, stdout: Report(pass: false))];
        var transport = new SsmAgentTransport(new SsmCommandRunner(lab.Ssm.Client(), moto.Clients.S3(), ZeroDelay, new FakeTimeProvider()), lab.Deployer());

        var baseline = await transport.RunAsync([instance], Plan(), TestContext.Current.CancellationToken);
        var later = await transport.RunAsync([instance], Plan(), TestContext.Current.CancellationToken);

        Assert.All(baseline.Concat(later), r => Assert.Equal(AgentRunStatus.Completed, r.Status));
        Assert.Equal(
            [$"sha256sum {lab.X64.RemotePath}", $"{lab.X64.RemotePath} --plan-base64 {Contract.PlanReader.ToBase64(Plan())}", $"{lab.X64.RemotePath} --plan-base64 {Contract.PlanReader.ToBase64(Plan())}"],
            lab.Commands);
    }

    [Fact]
    public async Task an_instance_the_agent_could_not_reach_gets_a_failed_run_that_says_why()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var instance = await lab.InstanceAsync("x86_64");
        lab.Ssm.Script = (_, command) => command switch
        {
            _ when command.StartsWith("curl", StringComparison.Ordinal) => [Invocation("Failed", code: 7, stderr: "curl: (7) Failed to connect to s3.us-east-1.amazonaws.com port 443")],
            _ when command.StartsWith("sha256sum", StringComparison.Ordinal) => [Invocation("Failed", code: 1)],
            _ => [Invocation("Success", code: 0)],
        };
        var transport = new SsmAgentTransport(new SsmCommandRunner(lab.Ssm.Client(), moto.Clients.S3(), ZeroDelay, new FakeTimeProvider()), lab.Deployer());

        var run = (await transport.RunAsync([instance], Plan(), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(AgentRunStatus.Failed, run.Status);
        Assert.Contains("cannot reach S3", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Commands, c => c.Contains("--plan-base64", StringComparison.Ordinal));
    }
}
