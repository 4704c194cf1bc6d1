using Amazon.EC2.Model;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.RealLab.Topologies;

/// <summary>
/// `fleet` with packets: 50 instances in three AZs; a sample in each AZ reaches the ssm and ssmmessages endpoint
/// interfaces of its own AZ and leaves for the internet through its own AZ's NAT gateway.
/// </summary>
[Collection(typeof(TopologyLabCollection))]
public class FleetLabTests
{
    private const string EchoAddress = "203.0.113.77";
    private const int EchoPort = 443;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_sample_in_each_az_reaches_its_azs_endpoints_and_nat_and_down_leaves_nothing()
    {
        await using var lab = await TopologyLab.UpAsync("fleet", 'f');
        using var ec2 = lab.Ec2();
        Assert.Equal(50, lab.Seeded.OfKind(SeedKinds.Instance).Count());
        await TwoAzLabTests.AddInternetAddressAsync(lab);
        var enis = (await ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest
        {
            Filters = [new Filter("vpc-id", [lab.Seeded.VpcId]), new Filter("interface-type", ["vpc_endpoint"])],
        }, Ct)).NetworkInterfaces;
        var ssmEndpoints = new[] { "ssm", "ssmmessages" }.ToDictionary(s => s, s => lab.Seeded.Id(SeedKinds.Endpoint, s));

        var seenByZone = new Dictionary<char, HashSet<string>>();
        using (await PeerEcho.StartAsync(lab.Names.Internet, EchoAddress, EchoPort))
        {
            foreach (var (zone, sample) in new[] { ('a', new[] { 1, 17 }), ('b', [1, 9]), ('c', [16]) })
            {
                var subnet = lab.Seeded.Id(SeedKinds.Subnet, $"private-{zone}");
                seenByZone[zone] = [];
                foreach (var n in sample)
                {
                    var instance = $"fleet-{zone}-{n}";
                    var seen = await lab.OnInstanceAsync(instance, PeerEcho.Client(EchoAddress, EchoPort));
                    Assert.True(seen.ExitCode == 0, $"{instance} did not reach the internet: {seen.Output}");
                    seenByZone[zone].Add(seen.Output.Trim());
                    foreach (var (service, endpointId) in ssmEndpoints)
                    {
                        var eni = enis.Single(e => e.SubnetId == subnet && e.Description.Contains(endpointId, StringComparison.Ordinal)).PrivateIpAddress;
                        var reached = await lab.OnInstanceAsync(instance,
                            $"curl -sS -o /dev/null -m 5 -w '%{{remote_ip}}' --resolve {service}.us-east-1.amazonaws.com:443:{eni} https://{service}.us-east-1.amazonaws.com/");
                        Assert.True(reached == (0, eni), $"{instance} → {service} endpoint in us-east-1{zone} ({eni}): {reached}");
                    }
                }
            }
        }

        // Each AZ leaves through one NAT gateway of its own: one public address per AZ, three in all.
        Assert.All(seenByZone.Values, seen => Assert.Single(seen));
        Assert.Equal(3, seenByZone.Values.SelectMany(s => s).Distinct().Count());

        await lab.DownAsync();
    }
}
