using Amazon.EC2.Model;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// NAT on the real lab beyond the walkthrough's one gateway: a second AZ with its own public subnet, NAT gateway
/// and private route table; and a NAT instance, which forwards only with its source/dest check off.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class NatLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Internet = "curl -sS -o /dev/null -m 3 http://google.com/";

    [Fact]
    public async Task a_second_az_reaches_the_internet_through_its_own_nat_gateway_only_while_that_nats_subnet_routes_to_the_internet_gateway()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        var made = new LabResources(ec2);
        try
        {
            var vpc = walkthrough.Seeded.VpcId;
            var (publicTable, nat, privateB) = await made.ZoneWithNatAsync(vpc, "us-east-1b", "10.0.3.0/24", "10.0.4.0/24", walkthrough.Seeded.Id("internet-gateway", "twtechIGW"));
            var instance = await made.InstanceAsync(walkthrough, privateB, [walkthrough.Seeded.Id("security-group", "twtech-private-sg")], publicAddress: false);

            var namespaces = await InNamespace.HostAsync("ip netns list");
            var through = await InNamespace.ShAsync(lab.InstanceNamespace(instance), Internet);
            await ec2.DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = publicTable, DestinationCidrBlock = "0.0.0.0/0" }, Ct);
            // A NAT gateway in a subnet without an internet gateway route gets nowhere; the first AZ's NAT is untouched.
            var stranded = await InNamespace.ShAsync(lab.InstanceNamespace(instance), Internet);
            var firstAz = await walkthrough.OnInstanceAsync(Internet);

            Assert.Contains(lab.Names.NatGateway(nat), namespaces.Output, StringComparison.Ordinal);
            Assert.Contains(lab.Names.NatGateway(walkthrough.Seeded.Id("nat-gateway", "twtechNAT")), namespaces.Output, StringComparison.Ordinal);
            Assert.True(through.ExitCode == 0, through.Output + await lab.RouterStateAsync());
            Assert.Equal(InNamespace.CurlTimedOut, stranded.ExitCode);
            Assert.True(firstAz.ExitCode == 0, firstAz.Output);
        }
        finally
        {
            await made.DisposeAsync();
        }

        var gone = await InNamespace.HostAsync("ip netns list");
        Assert.Equal(1, gone.Output.Split('\n').Count(l => l.StartsWith(lab.Names.Prefix + "nat-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task a_route_to_a_nat_instance_carries_traffic_only_once_its_source_dest_check_is_off()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        var made = new LabResources(ec2);
        try
        {
            var vpc = walkthrough.Seeded.VpcId;
            var group = await made.SecurityGroupAsync(vpc, "10.0.2.0/24");
            var natInstance = await made.InstanceAsync(walkthrough, walkthrough.Seeded.Id("subnet", "twtechPublicSubnet"), [group], publicAddress: true);
            await ec2.ReplaceRouteAsync(new ReplaceRouteRequest { RouteTableId = walkthrough.PrivateRouteTable, DestinationCidrBlock = "0.0.0.0/0", InstanceId = natInstance }, Ct);

            var checking = await walkthrough.OnInstanceAsync(Internet);
            await ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = natInstance, SourceDestCheck = false }, Ct);
            var forwarding = await walkthrough.OnInstanceAsync(Internet);
            var state = forwarding.ExitCode == 0 ? "" : await lab.RouterStateAsync() + (await InNamespace.ShAsync(lab.InstanceNamespace(natInstance), "ip a; ip r; nft list ruleset; sysctl net.ipv4.ip_forward")).Output;

            Assert.Equal(InNamespace.CurlTimedOut, checking.ExitCode);
            Assert.True(forwarding.ExitCode == 0, forwarding.Output + state);
        }
        finally
        {
            await ec2.ReplaceRouteAsync(new ReplaceRouteRequest
            {
                RouteTableId = walkthrough.PrivateRouteTable, DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = walkthrough.Seeded.Id("nat-gateway", "twtechNAT"),
            }, CancellationToken.None);
            await made.DisposeAsync();
        }

        var restored = await walkthrough.OnInstanceAsync(Internet);
        Assert.True(restored.ExitCode == 0, restored.Output);
    }
}
