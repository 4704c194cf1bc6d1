using Amazon.EC2.Model;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Network ACLs on the real lab: stateless, first match wins, default deny, and not applied inside a subnet or to the resolver.</summary>
[Collection(typeof(RealLabCollection))]
public class NetworkAclLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // curl exit 28: a timeout, what a dropped packet gives (no refusal, no ICMP error).
    private const int TimedOut = 28;

    [Fact]
    public async Task an_endpoint_in_another_subnet_is_reached_only_when_its_subnet_acl_lets_443_in_and_the_ephemeral_replies_out()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        var publicSubnet = walkthrough.Seeded.Id("subnet", "twtechPublicSubnet");
        var endpoint = (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = walkthrough.Seeded.VpcId, ServiceName = "com.amazonaws.us-east-1.sts", VpcEndpointType = Amazon.EC2.VpcEndpointType.Interface,
            SubnetIds = [publicSubnet], SecurityGroupIds = [walkthrough.Seeded.Id("security-group", "twtech-endpoints-sg")], PrivateDnsEnabled = true,
        }, Ct)).VpcEndpoint.VpcEndpointId;
        try
        {
            await Walkthrough.WaitAvailableAsync(ec2, [endpoint]);
            const string Sts = "curl -sS -o /dev/null -m 3 -w '%{remote_ip}' https://sts.us-east-1.amazonaws.com/";
            var open = await walkthrough.OnInstanceAsync(Sts);
            Assert.True(open.ExitCode == 0 && open.Output.StartsWith("10.0.1.", StringComparison.Ordinal), open.Output);

            await using var acl = await NetworkAcls.OnSubnetAsync(ec2, walkthrough.Seeded.VpcId, publicSubnet);
            await acl.DenyAsync(100, egress: false, "6", 443, 443, "0.0.0.0/0");
            await acl.AllowAsync(200, egress: false, "-1", null, null, "0.0.0.0/0");
            await acl.AllowAsync(100, egress: true, "-1", null, null, "0.0.0.0/0");
            var denied = await walkthrough.OnInstanceAsync(Sts);

            // 443 in, but replies out only to 443: the ephemeral port the instance's connection uses is not allowed.
            await acl.RemoveAsync(100, egress: false);
            await acl.RemoveAsync(200, egress: false);
            await acl.RemoveAsync(100, egress: true);
            await acl.AllowAsync(100, egress: false, "6", 443, 443, "10.0.2.0/24");
            await acl.AllowAsync(100, egress: true, "6", 443, 443, "10.0.2.0/24");
            var noEphemeral = await walkthrough.OnInstanceAsync(Sts);

            await acl.AllowAsync(110, egress: true, "6", 1024, 65535, "10.0.2.0/24");
            var allowed = await walkthrough.OnInstanceAsync(Sts);

            // First match wins: a deny numbered before the allow closes it again.
            await acl.DenyAsync(50, egress: false, "6", 443, 443, "10.0.2.0/24");
            var deniedFirst = await walkthrough.OnInstanceAsync(Sts);

            Assert.Equal(TimedOut, denied.ExitCode);
            Assert.Equal(TimedOut, noEphemeral.ExitCode);
            Assert.Equal((0, open.Output), allowed);
            Assert.Equal(TimedOut, deniedFirst.ExitCode);
        }
        finally
        {
            await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [endpoint] }, Ct);
        }

        var restored = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://ssm.us-east-1.amazonaws.com/");
        Assert.True(restored.ExitCode == 0, restored.Output);
    }

    [Fact]
    public async Task a_deny_all_acl_on_the_instance_subnet_stops_its_internet_traffic_but_not_its_own_subnet_dns_or_metadata()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        await using (var acl = await NetworkAcls.OnSubnetAsync(ec2, walkthrough.Seeded.VpcId, walkthrough.Seeded.Id("subnet", "twtechPrivateSubnet")))
        {
            // A new ACL has no rules: only the `*` deny.
            var internet = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 http://google.com/");
            var dns = await walkthrough.OnInstanceAsync("getent hosts google.com");
            var metadata = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 -w '%{http_code}' -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token");
            // The SSM endpoints' ENIs are in the instance's own subnet: no ACL applies inside a subnet.
            var sameSubnet = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://ssm.us-east-1.amazonaws.com/");

            Assert.Equal(TimedOut, internet.ExitCode);
            Assert.True(dns.ExitCode == 0 && dns.Output.StartsWith("203.0.113.10", StringComparison.Ordinal), dns.Output);
            Assert.Equal((0, "200"), metadata);
            Assert.True(sameSubnet.ExitCode == 0, sameSubnet.Output);
        }

        var after = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 http://google.com/");
        Assert.True(after.ExitCode == 0, after.Output);
    }
}
