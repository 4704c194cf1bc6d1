using System.Text;
using System.Text.Json;
using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// An arm64 instance in the shared lab (an arm64 AMI from moto's list): `vpceprobe agent deploy` installs the
/// linux-arm64 build, as on AWS, and a plan run through SSM is answered by that build under qemu user-mode
/// emulation (its report says arm64) whose DNS and TLS probes pass. The instance is removed afterwards.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class Arm64LabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task an_arm64_instance_gets_the_arm64_agent_build_and_runs_it_under_qemu()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        if (Arm64Emulation.Problem() is { } problem)
        {
            Assert.Skip($"lab arm64 test: {problem}");
        }

        var dist = Path.Combine(AgentBinary.RepositoryRoot(), "dist");
        Assert.True(File.Exists(Path.Combine(dist, "linux-arm64", "vpceprobe-agent")), "no linux-arm64 agent build: run scripts/publish-agent.sh");
        using var ec2 = lab.Ec2();
        using var ssm = lab.Ssm();
        var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Amazon.EC2.Model.Filter("architecture", ["arm64"])] }, Ct)).Images.First();
        var instance = await walkthrough.LaunchBesideAsync(ec2, image.ImageId, new Dictionary<string, string> { ["Name"] = "arm64-test" });
        const string bucket = "vpceprobe-arm64-staging";
        using var s3 = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            new AmazonS3Config { ServiceURL = lab.GatewayUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = lab.Region });
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, Ct);
        try
        {
            var architecture = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instance] }, Ct)).Reservations.Single().Instances.Single().Architecture;
            await Fakes.LabInstances.PingStatusAsync(ssm, instance, Amazon.SimpleSystemsManagement.PingStatus.Online);
            var deploy = await HarnessProcess.RunAsync(
                new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKey, ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey, ["AWS_PROFILE"] = null },
                "agent", "deploy", "--instance", instance, "--staging-bucket", bucket, "--agent-dir", dist,
                "--endpoint-url", lab.GatewayUrl.ToString(), "--region", lab.Region);
            var installed = deploy.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"{instance}: installed ", StringComparison.Ordinal))?[$"{instance}: installed ".Length..];
            Assert.True(deploy.ExitCode == 0 && installed is not null, deploy.Output);
            var plan = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                """
                {"schemaVersion":1,"region":"us-east-1","probes":[
                  {"id":"ssm-name","kind":"dns","name":"ssm.us-east-1.amazonaws.com","expect":"private","timeout":"15s"},
                  {"id":"ssm-tls","kind":"http","url":"https://ssm.us-east-1.amazonaws.com/","expect":"reachable","timeout":"30s"}]}
                """));
            var version = await Fakes.LabInstances.RunShellAsync(ssm, instance, $"{installed} --version", TimeSpan.FromMinutes(2));
            var report = await Fakes.LabInstances.RunShellAsync(ssm, instance, $"{installed} --plan-base64 {plan}; echo \" exit=$?\" >&2", TimeSpan.FromMinutes(2));

            Assert.Equal("arm64", architecture.Value);
            Assert.StartsWith("vpceprobe-agent ", version, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(report);
            Assert.Equal("arm64", json.RootElement.GetProperty("host").GetProperty("architecture").GetString());
            // Both probes pass with the lab's packets: DNS to the VPC resolver answers the interface endpoint's private
            // address, and TLS through that endpoint (the aarch64 OpenSSL under qemu, trusting the lab CA) gets an HTTP
            // answer. The timeouts are wider than on x64 for the emulation on a busy two-core host, not for the network.
            var results = json.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r);
            Assert.True(results["ssm-name"].GetProperty("pass").GetBoolean(), report);
            Assert.True(results["ssm-tls"].GetProperty("pass").GetBoolean(), report);
            Assert.Equal("reachable", results["ssm-tls"].GetProperty("outcome").GetString());
            Assert.Equal(
                await File.ReadAllTextAsync(Path.Combine(dist, "linux-arm64", "vpceprobe-agent.sha256"), Ct) is var sha ? sha.Split(' ')[0].Trim() : "",
                (await Fakes.LabInstances.RunShellAsync(ssm, instance, $"sha256sum {installed}", TimeSpan.FromMinutes(2))).Split(' ')[0]);
        }
        finally
        {
            await ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instance] }, Ct);
        }
    }
}
