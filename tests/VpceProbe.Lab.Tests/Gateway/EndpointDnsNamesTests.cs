using System.Xml.Linq;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Tests.Gateway;

public class EndpointDnsNamesTests
{
    [Fact]
    public void motos_endpoint_name_becomes_the_one_aws_gives_and_the_resolver_answers()
    {
        var answer = XElement.Parse("""
            <DescribeVpcEndpointsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><vpcEndpointSet><item>
              <vpcEndpointId>vpce-0a1b2c3d4e5f60718</vpcEndpointId>
              <dnsEntrySet><item><dnsName>vpce-0a1b2c3d4e5f60718-q7w8e9r0.com.amazonaws.us-east-1.secretsmanager</dnsName><hostedZoneId>Z1</hostedZoneId></item></dnsEntrySet>
            </item></vpcEndpointSet></DescribeVpcEndpointsResponse>
            """);

        var name = Ec2Xml.Named(EndpointDnsNames.Rewrite(answer), "dnsName").Single().Value;

        Assert.Equal(EndpointDnsName.Regional("vpce-0a1b2c3d4e5f60718", "secretsmanager", "us-east-1"), name);
        Assert.Matches(@"^vpce-0a1b2c3d4e5f60718-[0-9a-f]{8}\.secretsmanager\.us-east-1\.vpce\.amazonaws\.com$", name);
    }
}
