namespace VpceProbe.Lab.Tests.RealLab.Topologies;

/// <summary>
/// `locked-down` with packets: no way out to the internet, every endpoint answers (interface endpoints by their
/// private names, S3 through the gateway endpoint on the main table) through the subnets' network ACL, which
/// lets HTTPS between the AZs through with its ephemeral return ports and denies SSH even though the security
/// group allows it.
/// </summary>
[Collection(typeof(TopologyLabCollection))]
public class LockedDownLabTests
{
    [Fact]
    public async Task no_internet_endpoints_answer_and_the_nacl_decides_between_the_azs_and_down_leaves_nothing()
    {
        await using var lab = await TopologyLab.UpAsync("locked-down", 'l');

        Assert.Equal(28, (await lab.OnInstanceAsync("app-a", "curl -sS -o /dev/null -m 3 http://google.com/")).ExitCode);
        Assert.Equal(28, (await lab.OnInstanceAsync("app-b", "curl -sS -o /dev/null -m 3 https://203.0.113.10/")).ExitCode);
        foreach (var instance in new[] { "app-a", "app-b" })
        {
            var services = await lab.OnInstanceAsync(instance,
                "for s in ssm ssmmessages ec2messages secretsmanager sts; do curl -sS -o /dev/null -m 5 -w \"$s %{remote_ip}\\n\" https://$s.us-east-1.amazonaws.com/ || exit 1; done");
            var s3 = await lab.OnInstanceAsync(instance, "curl -sS -o /dev/null -m 5 -w '%{remote_ip}' https://s3.us-east-1.amazonaws.com/twtech-secure-bucket/hello.txt");

            Assert.True(services.ExitCode == 0, $"{instance}: {services.Output}");
            Assert.All(services.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("10.44.", line.Split(' ')[1], StringComparison.Ordinal));
            Assert.Equal((0, "198.51.100.10"), s3);
        }

        // app-b listens on 443 and 22; app-a (the other AZ, so both subnets' ACL apply) connects to each.
        var appB = "10.44.2.10";
        using (await PeerEcho.StartAsync(lab.InstanceNamespace("app-b"), appB, 443))
        using (await PeerEcho.StartAsync(lab.InstanceNamespace("app-b"), appB, 22))
        {
            Assert.Equal((0, "10.44.1.10\n"), await lab.OnInstanceAsync("app-a", PeerEcho.Client(appB, 443)));
            Assert.Equal(1, (await lab.OnInstanceAsync("app-a", PeerEcho.Client(appB, 22))).ExitCode);
        }

        await lab.DownAsync();
    }
}
