using System.Net;
using Amazon.EC2.Model;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.RealLab.Topologies;

/// <summary>
/// `fleet` with packets: 50 instances in three AZs, each with its namespace; one instance per AZ resolves the ssm and
/// ssmmessages private names to the endpoint interfaces of every AZ (as the Route 53 Resolver answers a regional
/// private DNS name), reaches its own AZ's interface, and leaves for the internet through its own AZ's NAT gateway.
/// </summary>
[Collection(typeof(TopologyLabCollection))]
public class FleetLabTests
{
    private const string EchoAddress = "203.0.113.77";
    private const int EchoPort = 443;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool InCidr(string address, string cidr) => Cidr.Parse(cidr).Contains(IPAddress.Parse(address));

    [Fact]
    public async Task an_instance_in_each_az_resolves_and_reaches_its_azs_endpoints_and_nat_and_down_leaves_nothing()
    {
        await using var lab = await TopologyLab.UpAsync("fleet", 'f');
        using var ec2 = lab.Ec2();
        var instances = lab.Seeded.OfKind(SeedKinds.Instance).ToList();
        Assert.Equal(50, instances.Count);
        var namespaces = (await InNamespace.HostAsync("ip netns list")).Output;
        Assert.All(instances, i => Assert.Contains(lab.Names.Instance(i.Id), namespaces, StringComparison.Ordinal));

        await TwoAzLabTests.AddInternetAddressAsync(lab);
        var privateSubnets = (await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest
        {
            SubnetIds = [.. "abc".Select(zone => lab.Seeded.Id(SeedKinds.Subnet, $"private-{zone}"))],
        }, Ct)).Subnets.ToDictionary(s => s.SubnetId, s => s.CidrBlock);

        var seenByZone = new Dictionary<char, string>();
        var resolvedByService = new Dictionary<string, HashSet<string>>();
        using (await PeerEcho.StartAsync(lab.Names.Internet, EchoAddress, EchoPort))
        {
            foreach (var (zone, instance) in new[] { ('a', "fleet-a-1"), ('b', "fleet-b-17"), ('c', "fleet-c-16") })
            {
                var subnet = lab.Seeded.Id(SeedKinds.Subnet, $"private-{zone}");
                var seen = await lab.OnInstanceAsync(instance, PeerEcho.Client(EchoAddress, EchoPort));
                Assert.True(seen.ExitCode == 0, $"{instance} did not reach the internet: {seen.Output}");
                seenByZone[zone] = seen.Output.Trim();
                foreach (var service in new[] { "ssm", "ssmmessages" })
                {
                    // The private name answers with the endpoint's interface in each private subnet (one per AZ).
                    var name = $"{service}.us-east-1.amazonaws.com";
                    var resolved = await lab.OnInstanceAsync(instance, $"getent ahostsv4 {name} | awk '{{print $1}}' | sort -u");
                    Assert.True(resolved.ExitCode == 0, $"{instance} could not resolve {name}: {resolved.Output}");
                    var addresses = resolved.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                    Assert.Equal(3, addresses.Count);
                    Assert.Equal(privateSubnets.Keys.Order(StringComparer.Ordinal), addresses.Select(a => privateSubnets.Single(s => InCidr(a, s.Value)).Key).Order(StringComparer.Ordinal));
                    Assert.True(resolvedByService.TryAdd(service, addresses) || resolvedByService[service].SetEquals(addresses), $"{instance}: {service} resolves differently in us-east-1{zone}");
                    var own = addresses.Single(a => InCidr(a, privateSubnets[subnet]));

                    var reached = await lab.OnInstanceAsync(instance, $"curl -sS -o /dev/null -m 5 -w '%{{remote_ip}}' --resolve {name}:443:{own} https://{name}/");
                    Assert.True(reached == (0, own), $"{instance} → {service} endpoint in us-east-1{zone} ({own}): {reached}");
                }
            }
        }

        Assert.Empty(resolvedByService["ssm"].Intersect(resolvedByService["ssmmessages"]));

        // Each AZ leaves through its own NAT gateway: three public addresses, none an instance's.
        Assert.Equal(3, seenByZone.Values.Distinct().Count());
        Assert.All(seenByZone.Values, seen => Assert.DoesNotContain("10.43.", seen, StringComparison.Ordinal));

        await lab.DownAsync();
    }
}
