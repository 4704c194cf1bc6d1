using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Behaviour 3 on the real lab: a gateway endpoint for S3 with the walkthrough's policy.</summary>
[Collection(typeof(RealLabCollection))]
public class GatewayEndpointLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task s3_answers_again_over_the_prefix_list_route_with_its_name_still_public_and_the_endpoint_policy_enforced()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        string? endpoint = null;
        await walkthrough.RemoveNatRouteAsync(ec2);
        try
        {
            // Without NAT the public S3 address is silently dropped: curl times out (exit 28).
            var cut = await walkthrough.OnInstanceAsync("curl -sS -o /dev/null -m 3 https://s3.us-east-1.amazonaws.com/twtech-secure-bucket/hello.txt");
            Assert.Equal(28, cut.ExitCode);

            endpoint = (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
            {
                VpcId = walkthrough.Seeded.VpcId, ServiceName = "com.amazonaws.us-east-1.s3", VpcEndpointType = VpcEndpointType.Gateway,
                RouteTableIds = [walkthrough.PrivateRouteTable], PolicyDocument = Walkthrough.SecureBucketPolicy,
            }, Ct)).VpcEndpoint.VpcEndpointId;
            await Walkthrough.WaitAvailableAsync(ec2, [endpoint]);

            var resolved = await walkthrough.OnInstanceAsync("getent hosts s3.us-east-1.amazonaws.com");
            var file = $"/tmp/vpl-get-{Environment.ProcessId}";
            var allowed = await walkthrough.AwsCliAsync($"s3api get-object --bucket twtech-secure-bucket --key hello.txt {file} >/dev/null && cat {file}; rm -f {file}");
            var denied = await walkthrough.AwsCliAsync($"s3api get-object --bucket twtech-other-bucket --key hello.txt {file}");

            Assert.StartsWith("198.51.100.", resolved.Output);
            Assert.Equal((0, "twtech secure data"), allowed);
            Assert.NotEqual(0, denied.ExitCode);
            Assert.Contains("An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::123456789012:assumed-role/twtech-private-role/", denied.Output);
            Assert.Contains(
                "on resource: \"arn:aws:s3:::twtech-other-bucket/hello.txt\" because no VPC endpoint policy allows the s3:GetObject action", denied.Output);
        }
        finally
        {
            if (endpoint is not null)
            {
                await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [endpoint] }, Ct);
            }

            await walkthrough.RestoreNatRouteAsync(ec2);
        }
    }
}
