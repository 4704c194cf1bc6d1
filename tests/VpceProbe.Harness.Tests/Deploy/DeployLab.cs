using System.Security.Cryptography;
using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Deploy;
using VpceProbe.Harness.Ssm;
using VpceProbe.Harness.Tests.Ssm;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Tests.Transport;

namespace VpceProbe.Harness.Tests.Deploy;

/// <summary>
/// What the deployment tests need: agent builds in a temporary dist/, instances of each architecture in moto's EC2,
/// a staging bucket in moto's S3, and SSM answered by the replay server as an instance would answer each step.
/// </summary>
internal sealed class DeployLab : IAsyncDisposable
{
    private DeployLab(MotoFixture moto, DirectoryInfo dist, string bucket)
    {
        Moto = moto;
        Dist = dist;
        Bucket = bucket;
        X64 = AgentBinaries.Load(dist, "linux-x64")!;
        Arm64 = AgentBinaries.Load(dist, "linux-arm64")!;
    }

    public MotoFixture Moto { get; }

    public DirectoryInfo Dist { get; }

    public string Bucket { get; }

    public AgentBinary X64 { get; }

    public AgentBinary Arm64 { get; }

    public SsmReplayServer Ssm { get; } = new();

    public static async Task<DeployLab> CreateAsync(MotoFixture moto)
    {
        var dist = Directory.CreateTempSubdirectory("vpceprobe-dist-");
        foreach (var rid in new[] { "linux-x64", "linux-arm64" })
        {
            var dir = Directory.CreateDirectory(Path.Combine(dist.FullName, rid));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "vpceprobe-agent"), $"#!/bin/sh\necho agent {rid} {Guid.NewGuid()}\n", TestContext.Current.CancellationToken);
        }

        var bucket = $"staging-{Guid.NewGuid():N}";
        await moto.Clients.S3().PutBucketAsync(bucket, TestContext.Current.CancellationToken);
        return new DeployLab(moto, dist, bucket);
    }

    /// <summary>A running moto instance whose AMI has this EC2 architecture ("x86_64" or "arm64").</summary>
    public async Task<string> InstanceAsync(string architecture)
    {
        var ec2 = Moto.Clients.Ec2();
        var images = await ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Filter("architecture", [architecture])] }, TestContext.Current.CancellationToken);
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = images.Images[0].ImageId, MinCount = 1, MaxCount = 1, InstanceType = InstanceType.T3Micro }, TestContext.Current.CancellationToken);
        return run.Reservation.Instances[0].InstanceId;
    }

    public AgentDeployer Deployer(string? instanceS3Endpoint = null)
    {
        var runner = new SsmCommandRunner(Ssm.Client(), Moto.Clients.S3(), TransportSamples.ZeroDelay, new FakeTimeProvider());
        var staging = new AgentStaging(Moto.Clients.S3(), Moto.Clients.S3ForInstances(instanceS3Endpoint), Bucket, new FakeTimeProvider(DateTimeOffset.UtcNow));
        return new AgentDeployer(runner, new InstanceArchitectures(Moto.Clients.Ec2()), staging, Dist);
    }

    /// <summary>The plain commands SSM was sent, in order, one per SendCommand.</summary>
    public IReadOnlyList<string> Commands => [.. Ssm.Sent.Select(s => s["Parameters"]!["commands"]![0]!.GetValue<string>())];

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async ValueTask DisposeAsync()
    {
        await Ssm.DisposeAsync();
        Dist.Delete(recursive: true);
    }
}
