using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Deploy;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Deploy;

/// <summary>Staging in S3 and the presigned URL the instance downloads with (backend: moto S3; presigning is local).</summary>
public class AgentStagingTests(MotoFixture moto)
{
    [Fact]
    public async Task the_url_is_signed_for_the_regional_endpoint_even_when_the_harness_talks_to_an_emulator()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var staging = new AgentStaging(moto.Clients.S3(), moto.Clients.S3ForInstances(null), lab.Bucket, new FakeTimeProvider(DateTimeOffset.UtcNow));

        var url = new Uri(await staging.PresignAsync(lab.X64));

        Assert.Equal("https", url.Scheme);
        Assert.Equal($"{lab.Bucket}.s3.us-east-1.amazonaws.com", url.Host);
        Assert.Equal($"/vpceprobe/agent/{lab.X64.Sha256}/vpceprobe-agent.gz", url.AbsolutePath);
        Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Expires=1800", url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", url.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_instance_s3_endpoint_override_is_used_path_style()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var staging = new AgentStaging(moto.Clients.S3(), moto.Clients.S3ForInstances("http://10.0.0.5:4566"), lab.Bucket, new FakeTimeProvider(DateTimeOffset.UtcNow));

        var url = new Uri(await staging.PresignAsync(lab.X64));

        Assert.Equal("http://10.0.0.5:4566/", url.GetLeftPart(UriPartial.Authority) + "/");
        Assert.StartsWith($"/{lab.Bucket}/vpceprobe/agent/{lab.X64.Sha256}/", url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_build_is_uploaded_once_per_hash()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        var staging = new AgentStaging(moto.Clients.S3(), moto.Clients.S3ForInstances(null), lab.Bucket, TimeProvider.System);

        Assert.True(await staging.StageAsync(lab.X64, TestContext.Current.CancellationToken));
        Assert.False(await staging.StageAsync(lab.X64, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task a_build_whose_sha256_file_disagrees_is_refused()
    {
        await using var lab = await DeployLab.CreateAsync(moto);
        await File.WriteAllTextAsync(lab.X64.LocalPath + ".sha256", $"{new string('0', 64)}  vpceprobe-agent\n", TestContext.Current.CancellationToken);

        Assert.Throws<InvalidDataException>(() => AgentBinaries.Load(lab.Dist, "linux-x64"));
        Assert.Equal("linux-arm64", AgentBinaries.RidFor("arm64"));
        Assert.Null(AgentBinaries.RidFor("i386"));
    }
}
