using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Behaviour 4 on the real lab: interface endpoints, private DNS through the VPC resolver, security groups.</summary>
[Collection(typeof(RealLabCollection))]
public class InterfaceEndpointLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task private_dns_resolves_the_service_through_the_vpc_resolver_to_the_eni_which_carries_the_call()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        var endpoint = await CreateAsync(ec2, walkthrough, "secretsmanager", walkthrough.Seeded.Id("security-group", "twtech-endpoints-sg"));
        try
        {
            await Walkthrough.WaitAvailableAsync(ec2, [endpoint]);
            var resolver = LabAddresses.Resolver("10.0.0.0/16");
            var resolvConf = await walkthrough.OnInstanceAsync("cat /etc/resolv.conf");
            var answer = await walkthrough.OnInstanceAsync($"dig +short +time=2 @{resolver} secretsmanager.us-east-1.amazonaws.com");
            var call = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 5 -w '%{remote_ip}' https://secretsmanager.us-east-1.amazonaws.com/");

            Assert.Equal("10.0.0.2", resolver);
            Assert.Contains("nameserver 10.0.0.2", resolvConf.Output, StringComparison.Ordinal);
            var eni = answer.Output.Trim();
            Assert.True(Cidr.Parse("10.0.2.0/24").Contains(System.Net.IPAddress.Parse(eni)), $"{eni} is not in the private subnet");
            Assert.Equal((0, eni), call);
        }
        finally
        {
            await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [endpoint] }, Ct);
        }
    }

    [Fact]
    public async Task the_endpoint_security_group_lets_443_through_only_from_what_it_allows()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        var group = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = $"vpl-test-closed-{Environment.ProcessId}", Description = "no ingress yet", VpcId = walkthrough.Seeded.VpcId,
        }, Ct)).GroupId;
        var endpoint = await CreateAsync(ec2, walkthrough, "sts", group);
        try
        {
            await Walkthrough.WaitAvailableAsync(ec2, [endpoint]);
            var closed = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://sts.us-east-1.amazonaws.com/");
            await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = group, IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new IpRange { CidrIp = "10.0.2.0/24" }] }],
            }, Ct);
            // Behaviour 8: the rule is in force when the call returns; one attempt, no waiting.
            var open = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://sts.us-east-1.amazonaws.com/");

            Assert.Equal(28, closed.ExitCode);
            Assert.True(open.ExitCode == 0, open.Output);
        }
        finally
        {
            await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [endpoint] }, Ct);
            await ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = group }, Ct);
        }
    }

    internal static async Task<string> CreateAsync(AmazonEC2Client ec2, Walkthrough walkthrough, string service, string securityGroup) =>
        (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = walkthrough.Seeded.VpcId, ServiceName = $"com.amazonaws.us-east-1.{service}", VpcEndpointType = VpcEndpointType.Interface,
            SubnetIds = [walkthrough.Seeded.Id("subnet", "twtechPrivateSubnet")], SecurityGroupIds = [securityGroup], PrivateDnsEnabled = true,
        }, Ct)).VpcEndpoint.VpcEndpointId;
}
