using VpceProbe.Harness.Deploy;
using VpceProbe.Harness.Tests.Support;
using static VpceProbe.Harness.Tests.Ssm.SsmReplayServer;

namespace VpceProbe.Harness.Tests.Deploy;

/// <summary>Deployment step by step (backends: moto for EC2 and S3, the replay server answering SSM as an instance would).</summary>
public class AgentDeployerTests(MotoFixture moto)
{
    private static readonly (int, string) Ok = Invocation("Success", code: 0);

    [Fact]
    public async Task a_fresh_instance_gets_its_architecture_s_build_staged_downloaded_checked_and_installed()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var arm = await lab.InstanceAsync("arm64");
        var b = lab.Arm64;
        lab.Ssm.Script = (_, command) => command switch
        {
            _ when command == $"sha256sum {b.RemotePath}" => [Invocation("Failed", code: 1, stderr: $"sha256sum: {b.RemotePath}: No such file or directory")],
            _ when command == $"sha256sum {b.RemotePartPath}" => [Invocation("Success", code: 0, stdout: $"{b.Sha256}  {b.RemotePartPath}\n")],
            _ => [Ok],
        };

        var installed = (await lab.Deployer().DeployAsync([arm], TestContext.Current.CancellationToken)).For(arm)!;

        Assert.True(installed.Ready, installed.Error);
        Assert.False(installed.AlreadyInstalled);
        Assert.Equal("linux-arm64", installed.Rid);
        Assert.Equal($"/var/lib/vpceprobe/agent/{b.Sha256}/vpceprobe-agent", installed.RemotePath);
        var commands = lab.Commands;
        Assert.Equal(4, commands.Count);
        Assert.Equal($"sha256sum {b.RemotePath}", commands[0]);
        Assert.StartsWith($"curl --fail --silent --show-error --compressed --connect-timeout 10 --max-time 300 --retry 2 --create-dirs --output {b.RemotePartPath} 'https://", commands[1], StringComparison.Ordinal);
        Assert.Equal([$"sha256sum {b.RemotePartPath}", $"install -m 0755 {b.RemotePartPath} {b.RemotePath}"], commands.Skip(2));

        // The staged object is the build gzip-compressed, under its hash, marked so that curl --compressed undoes it.
        using var staged = await moto.Clients.S3().GetObjectAsync(lab.Bucket, $"vpceprobe/agent/{b.Sha256}/vpceprobe-agent.gz", TestContext.Current.CancellationToken);
        Assert.Equal("gzip", staged.Headers.ContentEncoding);
        using var bytes = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(staged.ResponseStream, System.IO.Compression.CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(bytes, TestContext.Current.CancellationToken);
        }

        Assert.Equal(b.Sha256, DeployLab.Sha256Of(bytes.ToArray()));
    }

    [Fact]
    public async Task an_installed_build_is_checked_once_and_left_alone()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var x64 = await lab.InstanceAsync("x86_64");
        lab.Ssm.Script = (_, _) => [Invocation("Success", code: 0, stdout: $"{lab.X64.Sha256}  {lab.X64.RemotePath}\n")];

        var installed = (await lab.Deployer().DeployAsync([x64], TestContext.Current.CancellationToken)).For(x64)!;

        Assert.True(installed.AlreadyInstalled);
        Assert.Equal(lab.X64.RemotePath, installed.RemotePath);
        Assert.Equal([$"sha256sum {lab.X64.RemotePath}"], lab.Commands);
        var listed = await moto.Clients.S3().ListObjectsV2Async(new() { BucketName = lab.Bucket }, TestContext.Current.CancellationToken);
        Assert.Empty(listed.S3Objects ?? []);
    }

    [Fact]
    public async Task an_instance_that_cannot_reach_s3_is_told_to_deploy_before_the_nat_route_goes()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var x64 = await lab.InstanceAsync("x86_64");
        lab.Ssm.Script = (_, command) => command switch
        {
            _ when command.StartsWith("sha256sum", StringComparison.Ordinal) => [Invocation("Failed", code: 1)],
            _ when command.StartsWith("curl", StringComparison.Ordinal) => [Invocation("Failed", code: 28, stderr: "curl: (28) Connection timed out after 10002 milliseconds")],
            _ => [Ok],
        };

        var result = (await lab.Deployer().DeployAsync([x64], TestContext.Current.CancellationToken)).For(x64)!;

        Assert.Equal(DeployFailure.S3Unreachable, result.Failure);
        Assert.Contains("cannot reach S3: deploy before removing the NAT route, or create an S3 gateway endpoint", result.Error, StringComparison.Ordinal);
        Assert.Contains("curl exit 28", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Commands, c => c.StartsWith("install", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_download_that_does_not_hash_to_the_build_is_never_installed()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var x64 = await lab.InstanceAsync("x86_64");
        lab.Ssm.Script = (_, command) => command switch
        {
            _ when command == $"sha256sum {lab.X64.RemotePath}" => [Invocation("Failed", code: 1)],
            _ when command.StartsWith("sha256sum", StringComparison.Ordinal) => [Invocation("Success", code: 0, stdout: $"{new string('0', 64)}  {lab.X64.RemotePartPath}")],
            _ => [Ok],
        };

        var result = (await lab.Deployer().DeployAsync([x64], TestContext.Current.CancellationToken)).For(x64)!;

        Assert.Equal(DeployFailure.ChecksumMismatch, result.Failure);
        Assert.DoesNotContain(lab.Commands, c => c.StartsWith("install", StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_instance_ssm_cannot_reach_and_one_ec2_does_not_know_fail_each_for_their_own_reason()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var x64 = await lab.InstanceAsync("x86_64");
        lab.Ssm.Script = (_, _) => [Invocation("Failed", "Undeliverable")];

        var result = await lab.Deployer().DeployAsync([x64, "i-0000000000000dead"], TestContext.Current.CancellationToken);

        Assert.Equal(DeployFailure.SsmUnavailable, result.For(x64)!.Failure);
        Assert.Contains("not connected to SSM", result.For(x64)!.Error, StringComparison.Ordinal);
        Assert.Equal(DeployFailure.UnsupportedArchitecture, result.For("i-0000000000000dead")!.Failure);
    }

    [Fact]
    public async Task a_staging_bucket_that_does_not_exist_fails_the_deploy_with_a_reason_not_an_exception()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var x64 = await lab.InstanceAsync("x86_64");
        lab.Ssm.Script = (_, _) => [Invocation("Failed", code: 1)];
        await moto.Clients.S3().DeleteBucketAsync(lab.Bucket, TestContext.Current.CancellationToken);

        var result = (await lab.Deployer().DeployAsync([x64], TestContext.Current.CancellationToken)).For(x64)!;

        Assert.Equal(DeployFailure.StagingFailed, result.Failure);
        Assert.Contains($"could not stage the agent in s3://{lab.Bucket}: NoSuchBucket", result.Error, StringComparison.Ordinal);
        Assert.Equal([$"sha256sum {lab.X64.RemotePath}"], lab.Commands);
    }
}
