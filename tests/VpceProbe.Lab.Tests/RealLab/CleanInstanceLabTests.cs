using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Tests.Fakes;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// Instances as clean as EC2's (root only): a lab started by a process whose environment would break anything it
/// leaked into (metadata disabled, another region, a missing profile, a dead proxy, a HOME holding ~/.aws), and
/// commands sent through SSM see none of it: only the SSM agent's variables, their own home, resolv.conf and hosts,
/// and the agent in the instance still gets its credentials from IMDS. Its own lab: the shared one was started by
/// this test process with its ordinary environment.
/// </summary>
public class CleanInstanceLabTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_command_run_through_ssm_sees_the_agents_environment_not_the_one_that_started_the_lab()
    {
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
        }

        var agent = AgentBinary.Path;
        var names = new LabNames($"e{(Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture)}");
        var port = FreePort.Next();
        var home = Directory.CreateTempSubdirectory("vpl-home-").FullName;
        Directory.CreateDirectory(Path.Combine(home, ".aws"));
        await File.WriteAllTextAsync(Path.Combine(home, ".aws", "credentials"), "[default]\naws_access_key_id = HOSTKEY\naws_secret_access_key = hostsecret\n", Ct);
        try
        {
            var up = await HarnessProcess.RunAsync(HostileEnvironment.For(home), "lab", "up", "--name", names.Lab, "--port", port.ToString(CultureInfo.InvariantCulture));
            Assert.True(up.ExitCode == 0, up.Output);
            var instance = LabRecord.Read(names)!.Seeded!.Id("instance", "twtech-private-instance");
            using var ssm = new AmazonSimpleSystemsManagementClient(
                new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
                new AmazonSimpleSystemsManagementConfig { ServiceURL = $"http://127.0.0.1:{port}", AuthenticationRegion = "us-east-1" });

            var environment = await LabInstances.RunShellAsync(ssm, instance, "env | sort");
            var homeListing = await LabInstances.RunShellAsync(ssm, instance, "echo ~; ls -A ~; ls ~/.aws 2>&1; echo mine > ~/marker");
            var etc = await LabInstances.RunShellAsync(ssm, instance, "cat /etc/resolv.conf /etc/hosts");
            var plan = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"schemaVersion":1,"region":"us-east-1","probes":[{"id":"who","kind":"sts","expect":"allowed"}]}"""));
            var report = await LabInstances.RunShellAsync(ssm, instance, $"{agent} --plan-base64 {plan} --format json");

            var variables = environment.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
            Assert.Equal(
                ["AWS_SSM_INSTANCE_ID", "AWS_SSM_REGION_NAME", "HOME", "LANG", "PATH", "PWD", "SHLVL", "SSM_COMMAND_ID"],
                variables.Keys.Where(k => k != "_").Order(StringComparer.Ordinal));
            Assert.Equal(("/root", "us-east-1", instance), (variables["HOME"], variables["AWS_SSM_REGION_NAME"], variables["AWS_SSM_INSTANCE_ID"]));
            Assert.DoesNotContain(HostileEnvironment.DeadProxy, environment, StringComparison.Ordinal);
            Assert.DoesNotContain(HostileEnvironment.Region, environment, StringComparison.Ordinal);
            Assert.Equal("/root", homeListing.Split('\n')[0]);
            Assert.Contains("No such file or directory", homeListing, StringComparison.Ordinal);
            Assert.DoesNotContain("credentials", homeListing, StringComparison.Ordinal);
            Assert.False(File.Exists("/root/marker"), "what the instance wrote in ~ reached the host's /root");
            Assert.Equal("mine", (await LabInstances.RunShellAsync(ssm, instance, "cat ~/marker")).Trim());
            Assert.Contains("nameserver 10.0.0.2", etc, StringComparison.Ordinal);
            Assert.Contains("127.0.0.1   localhost", etc, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllText($"/etc/netns/{names.Instance(instance)}/hosts"), etc[etc.IndexOf("127.0.0.1", StringComparison.Ordinal)..]);
            using var json = JsonDocument.Parse(report);
            var result = json.RootElement.GetProperty("results")[0];
            Assert.True(result.GetProperty("pass").GetBoolean(), report);
        }
        finally
        {
            await HarnessProcess.RunAsync("lab", "down", "--name", names.Lab);
            Directory.Delete(home, recursive: true);
        }
    }
}
