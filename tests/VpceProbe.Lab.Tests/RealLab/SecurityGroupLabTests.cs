using Amazon.EC2.Model;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Instance security groups on the real lab: egress rules by protocol and port, group peers, statefulness.</summary>
[Collection(typeof(RealLabCollection))]
public class SecurityGroupLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task an_instance_sends_only_what_its_egress_rules_allow_and_replies_come_back_without_an_ingress_rule()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        var original = walkthrough.Seeded.Id("security-group", "twtech-private-sg");
        var group = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = $"vpl-test-egress-{Environment.ProcessId}", Description = "egress under test", VpcId = walkthrough.Seeded.VpcId,
        }, Ct)).GroupId;
        try
        {
            // A new group allows all egress; take that away: the instance sends nothing.
            await ec2.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest
            {
                GroupId = group, IpPermissions = [new IpPermission { IpProtocol = "-1", Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            }, Ct);
            await SetGroupsAsync(walkthrough, [group]);
            var nothing = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 http://google.com/");
            var dns = await walkthrough.OnInstanceAsync("getent hosts google.com");
            var endpointClosed = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://ssm.us-east-1.amazonaws.com/");

            await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest
            {
                GroupId = group, IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 80, ToPort = 80, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] }],
            }, Ct);
            var http = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 http://google.com/");
            var https = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://google.com/");

            // 443 to the endpoints' group: its ENIs (group members) are reachable, the internet on 443 is not.
            await ec2.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest
            {
                GroupId = group,
                IpPermissions = [new IpPermission
                {
                    IpProtocol = "tcp", FromPort = 443, ToPort = 443,
                    UserIdGroupPairs = [new UserIdGroupPair { GroupId = walkthrough.Seeded.Id("security-group", "twtech-endpoints-sg") }],
                }],
            }, Ct);
            var endpointOpen = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://ssm.us-east-1.amazonaws.com/");
            var httpsStill = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://google.com/");

            Assert.Equal(InNamespace.CurlTimedOut, nothing.ExitCode);
            Assert.True(dns.ExitCode == 0, dns.Output); // the VPC resolver is not filtered by security groups
            Assert.Equal(InNamespace.CurlTimedOut, endpointClosed.ExitCode);
            Assert.True(http.ExitCode == 0, http.Output); // the reply needs no ingress rule: stateful
            Assert.Equal(InNamespace.CurlTimedOut, https.ExitCode);
            Assert.True(endpointOpen.ExitCode == 0, endpointOpen.Output);
            Assert.Equal(InNamespace.CurlTimedOut, httpsStill.ExitCode);
        }
        finally
        {
            await SetGroupsAsync(walkthrough, [original]);
            await ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = group }, CancellationToken.None);
        }

        var restored = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://google.com/");
        Assert.True(restored.ExitCode == 0, restored.Output);
    }

    private async Task SetGroupsAsync(Walkthrough walkthrough, List<string> groups)
    {
        using var ec2 = lab.Ec2();
        await ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = walkthrough.InstanceId, Groups = groups }, CancellationToken.None);
    }
}
