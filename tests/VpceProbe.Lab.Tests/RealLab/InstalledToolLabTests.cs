using Amazon.S3;
using Amazon.S3.Model;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// The tool as a user gets it: `scripts/pack.sh` packs it into a local feed, `dotnet tool install --tool-path`
/// installs it from that feed only (a NuGet.config that clears every other source: offline), and the installed
/// `vpceprobe agent deploy`, run outside the checkout and without --agent-dir, installs the agent build the
/// package carries on the shared lab's instance, the same bytes as dist/linux-x64 (checked by their SHA-256). The
/// installed `vpceprobe` runs on the .NET runtime alone and reaches the lab program the package carries (`lab status`).
/// </summary>
[Collection(typeof(RealLabCollection))]
public sealed class InstalledToolLabTests(SharedLab lab) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-tool-").FullName;

    [Fact]
    public async Task the_installed_tool_deploys_the_agent_build_its_package_carries()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        var root = AgentBinary.RepositoryRoot();
        var feed = Path.Combine(_dir, "feed");
        Dictionary<string, string?> dotnet = new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var pack = await HarnessProcess.RunCommandAsync(["bash", Path.Combine(root, "scripts", "pack.sh")], root,
            new Dictionary<string, string?>(dotnet) { ["VPCEPROBE_FEED"] = feed, ["VPCEPROBE_PACK_ARTIFACTS"] = Path.Combine(_dir, "artifacts") });
        Assert.True(pack.ExitCode == 0, pack.Output);

        await File.WriteAllTextAsync(Path.Combine(_dir, "NuGet.config"),
            $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>""", Ct);
        var tools = Path.Combine(_dir, "tools");
        var install = await HarnessProcess.RunCommandAsync(["dotnet", "tool", "install", "--tool-path", tools, "--configfile", Path.Combine(_dir, "NuGet.config"), "VpceProbe"],
            _dir, dotnet);
        Assert.True(install.ExitCode == 0, install.Output);
        var runtimeConfig = Directory.GetFiles(Path.Combine(tools, ".store"), "vpceprobe.runtimeconfig.json", SearchOption.AllDirectories)
            .Single(f => !f.Contains($"{Path.DirectorySeparatorChar}lab{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var status = await HarnessProcess.RunCommandAsync([Path.Combine(tools, "vpceprobe")], _dir, dotnet, "lab", "status", "--name", "absent");

        const string bucket = "vpceprobe-tool-staging";
        using var s3 = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            new AmazonS3Config { ServiceURL = lab.GatewayUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = lab.Region });
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, Ct);
        using var ssm = lab.Ssm();
        // An earlier test may have installed this build: deploy would then find it and prove nothing about the package.
        await Fakes.LabInstances.RunShellAsync(ssm, walkthrough.InstanceId, "rm -rf /var/lib/vpceprobe/agent");
        var deploy = await HarnessProcess.RunCommandAsync([Path.Combine(tools, "vpceprobe")], _dir,
            new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKey, ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey, ["AWS_PROFILE"] = null },
            "agent", "deploy", "--instance", walkthrough.InstanceId, "--staging-bucket", bucket, "--endpoint-url", lab.GatewayUrl.ToString(), "--region", lab.Region);

        Assert.DoesNotContain("AspNetCore", await File.ReadAllTextAsync(runtimeConfig, Ct), StringComparison.Ordinal);
        Assert.Contains("Microsoft.NETCore.App", await File.ReadAllTextAsync(runtimeConfig, Ct), StringComparison.Ordinal);
        Assert.True(status.ExitCode == 1 && status.Output.Contains("lab absent is not up", StringComparison.Ordinal), status.Output);
        var sha = (await File.ReadAllTextAsync(Path.Combine(root, "dist", "linux-x64", "vpceprobe-agent.sha256"), Ct)).Split(' ')[0].Trim();
        var prefix = $"{walkthrough.InstanceId}: installed ";
        var installed = deploy.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
        Assert.True(deploy.ExitCode == 0 && installed is not null, deploy.Output);
        Assert.Equal($"/var/lib/vpceprobe/agent/{sha}/vpceprobe-agent", installed);
        Assert.Equal(sha, (await Fakes.LabInstances.RunShellAsync(ssm, walkthrough.InstanceId, $"sha256sum {installed}")).Split(' ')[0]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
