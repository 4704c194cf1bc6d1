using System.Globalization;
using System.Net.Http.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using VpceProbe.Contract;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// `vpceprobe lab up|status|down` as a user runs them (root only): two labs at once, each on its own `--port`,
/// `status` finding each one's port from its state, and `--faults` in force only once the lab is seeded.
/// </summary>
public class LabCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Pid => (Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task two_labs_run_side_by_side_on_their_own_ports_and_faults_start_after_seeding()
    {
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
        }

        var first = new LabNames($"pa{Pid}");
        var second = new LabNames($"pb{Pid}");
        var (firstPort, secondPort) = (FreePort.Next(), FreePort.Next());
        try
        {
            // Throttling and 5xx at these rates made seeding fail when they were in force from the start.
            var upFirst = await HarnessProcess.RunAsync("lab", "up", "--name", first.Lab, "--port", Text(firstPort), "--faults", "throttle=0.2,5xx=0.05");
            var upSecond = await HarnessProcess.RunAsync("lab", "up", "--name", second.Lab, "--port", Text(secondPort));
            var statusFirst = await HarnessProcess.RunAsync("lab", "status", "--name", first.Lab);
            var statusSecond = await HarnessProcess.RunAsync("lab", "status", "--name", second.Lab);
            var faults = await FaultsAsync(firstPort);
            var (firstErrors, secondErrors) = (await InjectedErrorsAsync(firstPort), await InjectedErrorsAsync(secondPort));
            var sameName = await HarnessProcess.RunAsync("lab", "up", "--name", $"pc{Pid}", "--port", Text(firstPort));

            Assert.True(upFirst.ExitCode == ExitCodes.Success, upFirst.Output);
            Assert.True(upSecond.ExitCode == ExitCodes.Success, upSecond.Output);
            Assert.Contains($"AWS endpoint http://127.0.0.1:{firstPort}", statusFirst.Output, StringComparison.Ordinal);
            Assert.Contains($"AWS endpoint http://127.0.0.1:{secondPort}", statusSecond.Output, StringComparison.Ordinal);
            Assert.Equal((0.2, 0.05), (faults.ThrottleRate, faults.ServerErrorRate));
            Assert.InRange(firstErrors, 1, 40);
            Assert.Equal(0, secondErrors);
            Assert.Equal(ExitCodes.Usage, sameName.ExitCode);
            Assert.Contains($"127.0.0.1:{firstPort} is not free", sameName.Output, StringComparison.Ordinal);
        }
        finally
        {
            var downFirst = await HarnessProcess.RunAsync("lab", "down", "--name", first.Lab);
            var downSecond = await HarnessProcess.RunAsync("lab", "down", "--name", second.Lab);
            Assert.True(downFirst.ExitCode == 0 && downSecond.ExitCode == 0, downFirst.Output + downSecond.Output);
        }

        Assert.Empty(await new LabSweeper(first, TextWriter.Null, TimeProvider.System).NamespacesAsync(Ct));
        Assert.Empty(await new LabSweeper(second, TextWriter.Null, TimeProvider.System).NamespacesAsync(Ct));
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<FaultsBody> FaultsAsync(int port)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        return (await http.GetFromJsonAsync<FaultsBody>($"http://127.0.0.1:{port}/_lab/faults", Ct))!;
    }

    /// <summary>Of 40 DescribeVpcs without SDK retries, how many the lab's fault injection answered with an error.</summary>
    private static async Task<int> InjectedErrorsAsync(int port)
    {
        using var ec2 = new AmazonEC2Client(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            new AmazonEC2Config { ServiceURL = $"http://127.0.0.1:{port}", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var errors = 0;
        for (var i = 0; i < 40; i++)
        {
            try
            {
                await ec2.DescribeVpcsAsync(new DescribeVpcsRequest(), Ct);
            }
            catch (AmazonServiceException)
            {
                errors++;
            }
        }

        return errors;
    }
}
