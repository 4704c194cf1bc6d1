using Amazon.EC2.Model;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.RealLab.Topologies;

/// <summary>
/// `two-az` with packets: each AZ's instance leaves through its own AZ's NAT gateway; S3 is reached from AZ a
/// through the gateway endpoint on its table (it survives the loss of its NAT route) and from AZ b only through
/// its NAT (it does not). The shape on which a harness that "adopts" the endpoint would cut AZ b off S3.
/// </summary>
[Collection(typeof(TopologyLabCollection))]
public class TwoAzLabTests
{
    private const string EchoAddress = "203.0.113.77";
    private const int EchoPort = 443; // app-sg allows egress to tcp 443, 80 and icmp only
    private const string S3Object = "curl -sS -o /dev/null -m 3 -w '%{remote_ip}' https://s3.us-east-1.amazonaws.com/twtech-secure-bucket/hello.txt";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task each_az_egresses_through_its_own_nat_s3_goes_through_the_gateway_endpoint_in_az_a_only_and_down_leaves_nothing()
    {
        await using var lab = await TopologyLab.UpAsync("two-az", 'z');
        using var ec2 = lab.Ec2();
        await AddInternetAddressAsync(lab);

        using (await PeerEcho.StartAsync(lab.Names.Internet, EchoAddress, EchoPort))
        {
            var seenFromA = await lab.OnInstanceAsync("app-a", PeerEcho.Client(EchoAddress, EchoPort));
            var seenFromB = await lab.OnInstanceAsync("app-b", PeerEcho.Client(EchoAddress, EchoPort));

            // The internet sees each AZ's NAT gateway's public address: two of them, neither an instance's.
            Assert.Equal(0, seenFromA.ExitCode);
            Assert.Equal(0, seenFromB.ExitCode);
            Assert.NotEqual(seenFromA.Output, seenFromB.Output);
            Assert.All(new[] { seenFromA.Output, seenFromB.Output }, seen => Assert.DoesNotContain("10.42.", seen, StringComparison.Ordinal));
        }

        var web = await lab.OnInstanceAsync("app-b", "curl -sS -m 5 http://google.com/");
        Assert.Equal((0, "<html><body>lab internet host google.com</body></html>\n"), web);
        Assert.Equal((0, "198.51.100.10"), await lab.OnInstanceAsync("app-a", S3Object));
        Assert.Equal((0, "198.51.100.10"), await lab.OnInstanceAsync("app-b", S3Object));

        // Without their NAT routes: AZ a keeps S3 (its table has the gateway endpoint's prefix-list route) but
        // loses the internet; AZ b loses both (curl exit 28: a silent drop, as in AWS).
        foreach (var table in new[] { "private-a-rt", "private-b-rt" })
        {
            await ec2.DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = lab.Seeded.Id(SeedKinds.RouteTable, table), DestinationCidrBlock = "0.0.0.0/0" }, Ct);
        }

        Assert.Equal((0, "198.51.100.10"), await lab.OnInstanceAsync("app-a", S3Object));
        Assert.Equal(28, (await lab.OnInstanceAsync("app-a", "curl -sS -o /dev/null -m 3 http://google.com/")).ExitCode);
        Assert.Equal(28, (await lab.OnInstanceAsync("app-b", S3Object)).ExitCode);
        Assert.Equal(28, (await lab.OnInstanceAsync("app-b", "curl -sS -o /dev/null -m 3 http://google.com/")).ExitCode);

        await lab.DownAsync();
    }

    /// <summary>One more address in the lab's internet, beside its web hosts (the router sends the internet's traffic there).</summary>
    internal static async Task AddInternetAddressAsync(TopologyLab lab)
    {
        var added = await VpceProbe.Lab.DataPlane.Commands.RunAsync(["ip", "-n", lab.Names.Internet, "addr", "add", $"{EchoAddress}/32", "dev", "lo"], null, TimeSpan.FromSeconds(5), Ct);
        Assert.True(added.ExitCode == 0, added.StandardError);
    }
}
