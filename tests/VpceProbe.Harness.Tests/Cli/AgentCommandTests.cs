using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Deploy;
using VpceProbe.Harness.Tests.Ssm;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>`vpceprobe agent deploy` end to end against moto (EC2, S3, SSM). moto runs no command, so nothing can be installed.</summary>
public class AgentCommandTests(MotoFixture moto)
{
    [Fact]
    public async Task deploy_without_a_staging_bucket_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync(["agent", "deploy", "--instance", "i-0123456789abcdef0", .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--staging-bucket is required", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task deploy_stages_the_build_and_sends_the_instance_a_presigned_url_for_aws_s3_not_the_emulator()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var instance = await lab.InstanceAsync("x86_64");

        var run = await CliRun.InvokeAsync(["agent", "deploy", "--instance", instance, "--staging-bucket", lab.Bucket, "--agent-dir", lab.Dist.FullName, .. moto.CliArgs]);

        // moto answers every command with Success and empty output, so the checksum step sees no hash.
        Assert.Equal(ExitCodes.Infrastructure, run.ExitCode);
        Assert.Contains($"{instance}: the download hashes to ''", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 of 1 instances have the agent", run.Output, StringComparison.Ordinal);
        await moto.Clients.S3().GetObjectMetadataAsync(lab.Bucket, lab.X64.StagingKey, TestContext.Current.CancellationToken);

        var commands = (await MotoCommands.ForAsync(moto.Clients.Ssm(), instance)).Select(MotoCommands.Line)
            .Where(line => line.Contains(lab.X64.Sha256, StringComparison.Ordinal)).ToList();
        var curl = Assert.Single(commands, c => c.StartsWith("curl", StringComparison.Ordinal));
        Assert.Contains($"'https://{lab.Bucket}.s3.us-east-1.amazonaws.com/vpceprobe/agent/{lab.X64.Sha256}/vpceprobe-agent.gz?", curl, StringComparison.Ordinal);
        Assert.DoesNotContain(moto.Server.Url, curl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task deploy_help_lists_its_options()
    {
        var run = await CliRun.InvokeAsync(["agent", "deploy", "--help"]);

        foreach (var option in new[] { "--instance", "--staging-bucket", "--agent-dir", "--instance-s3-endpoint", "--output-bucket", "--endpoint-url" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }
}
