namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Behaviours 1 and 2 on the real lab: egress through the NAT gateway, and its silent loss when the route goes.</summary>
[Collection(typeof(RealLabCollection))]
public class EgressLabTests(SharedLab lab)
{
    [Fact]
    public async Task with_the_nat_route_the_instance_reaches_the_internet_and_services_on_their_public_addresses()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);

        var http = await walkthrough.OnInstanceAsync("curl -sS -m 5 http://google.com/");
        var ping = await walkthrough.OnInstanceAsync("ping -c 1 -W 2 think-with-tech.blogspot.com");
        // Each service over TLS (trusted lab CA), answered on the address its public name resolves to.
        var services = await walkthrough.OnInstanceAsync(
            "for s in s3 secretsmanager sts; do curl -sS -o /dev/null -m 5 -w \"$s %{remote_ip}\\n\" https://$s.us-east-1.amazonaws.com/ || exit 1; done");
        // ssm's name is private in the walkthrough (its interface endpoint); its public address still answers through the NAT.
        var ssm = await walkthrough.OnInstanceAsync(
            $"curl -sS -o /dev/null -m 5 -w '%{{remote_ip}}' --resolve ssm.us-east-1.amazonaws.com:443:{Addresses.Service("ssm")} https://ssm.us-east-1.amazonaws.com/");

        Assert.Equal((0, "<html><body>lab internet host google.com</body></html>\n"), http);
        Assert.True(ping.ExitCode == 0, ping.Output);
        Assert.Equal((0, $"s3 {Addresses.Service("s3")}\nsecretsmanager {Addresses.Service("secretsmanager")}\nsts {Addresses.Service("sts")}\n"), services);
        Assert.Equal((0, Addresses.Service("ssm")), ssm);
    }

    [Fact]
    public async Task without_the_nat_route_egress_and_public_service_traffic_is_dropped_silently()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        await walkthrough.RemoveNatRouteAsync(ec2);
        try
        {
            var http = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 http://google.com/");
            var s3 = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://s3.us-east-1.amazonaws.com/");
            var ping = await walkthrough.OnInstanceAsync("ping -c 2 -W 1 think-with-tech.blogspot.com");

            // curl exit 28 is a timeout: not 7 (refused) and not an ICMP error such as "No route to host".
            Assert.Equal(28, http.ExitCode);
            Assert.Equal(28, s3.ExitCode);
            Assert.Equal(1, ping.ExitCode);
            Assert.Contains("100% packet loss", ping.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unreachable", ping.Output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await walkthrough.RestoreNatRouteAsync(ec2);
        }
    }
}
