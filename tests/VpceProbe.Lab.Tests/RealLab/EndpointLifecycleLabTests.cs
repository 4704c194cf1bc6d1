using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>Behaviours 5 and 8 on the real lab: pending endpoints carry nothing, deleted ones leave nothing, changes apply at once.</summary>
[Collection(typeof(RealLabCollection))]
public class EndpointLifecycleLabTests(SharedLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string ResolveSts = "dig +short +time=2 sts.us-east-1.amazonaws.com";

    [Fact]
    public async Task a_pending_interface_endpoint_leaves_the_name_public_and_deleting_it_takes_its_name_away()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        var endpoint = await InterfaceEndpointLabTests.CreateAsync(ec2, walkthrough, "sts", walkthrough.Seeded.Id("security-group", "twtech-endpoints-sg"));
        string deleted;
        try
        {
            var pending = await walkthrough.OnInstanceAsync(ResolveSts);
            var state = (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { VpcEndpointIds = [endpoint] }, Ct)).VpcEndpoints.Single().State;
            await Walkthrough.WaitAvailableAsync(ec2, [endpoint]);
            var available = await walkthrough.OnInstanceAsync(ResolveSts);

            Assert.Equal(State.Pending, state);
            Assert.Equal($"{Addresses.Service("sts")}\n", pending.Output);
            Assert.StartsWith("10.0.2.", available.Output, StringComparison.Ordinal);
        }
        finally
        {
            await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [endpoint] }, Ct);
            deleted = (await walkthrough.OnInstanceAsync(ResolveSts)).Output;
        }

        Assert.Equal($"{Addresses.Service("sts")}\n", deleted);
    }

    [Fact]
    public async Task a_gateway_endpoint_routes_nothing_while_pending_and_its_route_goes_with_it()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        const string S3 = "curl -sS -o /dev/null -m 3 https://s3.us-east-1.amazonaws.com/";
        await walkthrough.RemoveNatRouteAsync(ec2);
        string? endpoint = null;
        try
        {
            endpoint = (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
            {
                VpcId = walkthrough.Seeded.VpcId, ServiceName = "com.amazonaws.us-east-1.s3", VpcEndpointType = VpcEndpointType.Gateway, RouteTableIds = [walkthrough.PrivateRouteTable],
            }, Ct)).VpcEndpoint.VpcEndpointId;
            // Shorter than the 2 s pending time: a longer attempt would connect the moment the endpoint comes into force.
            var pending = await walkthrough.OnInstanceAsync(S3.Replace("-m 3", "-m 1", StringComparison.Ordinal));
            await Walkthrough.WaitAvailableAsync(ec2, [endpoint]);
            var available = await walkthrough.OnInstanceAsync(S3);
            await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [endpoint] }, Ct);
            endpoint = null;
            // Behaviour 8: the route is gone when the call returns; one attempt, no waiting.
            var deleted = await walkthrough.OnInstanceAsync(S3);

            Assert.Equal(28, pending.ExitCode);
            Assert.True(available.ExitCode == 0, available.Output);
            Assert.Equal(28, deleted.ExitCode);
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

    [Fact]
    public async Task a_route_change_is_in_force_when_the_call_returns()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        const string Web = "curl -sS -o /dev/null -m 2 http://google.com/";
        await walkthrough.RemoveNatRouteAsync(ec2);
        var removed = await walkthrough.OnInstanceAsync(Web);
        await walkthrough.RestoreNatRouteAsync(ec2);
        var restored = await walkthrough.OnInstanceAsync(Web);

        Assert.Equal(28, removed.ExitCode);
        Assert.True(restored.ExitCode == 0, restored.Output);
    }
}
