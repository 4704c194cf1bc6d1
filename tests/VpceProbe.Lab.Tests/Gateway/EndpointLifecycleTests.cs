using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.Gateway;

public class EndpointLifecycleTests(SharedMoto moto) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = TestGateway.FakeTime();
    private TestGateway _gateway = null!;

    public async ValueTask InitializeAsync() =>
        _gateway = await TestGateway.StartAsync(moto.Server, time: _time, endpointPendingTime: TimeSpan.FromSeconds(2));

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Vpc, string Subnet)> VpcAsync(AmazonEC2Client ec2, string cidr, bool dnsHostnames)
    {
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = cidr }, Ct)).Vpc.VpcId;
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc, EnableDnsHostnames = dnsHostnames }, Ct);
        var subnet = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = cidr.Replace("0.0/16", "1.0/24", StringComparison.Ordinal) }, Ct)).Subnet.SubnetId;
        return (vpc, subnet);
    }

    private async Task<State> StateAsync(AmazonEC2Client ec2, string endpointId) =>
        Assert.Single((await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { VpcEndpointIds = [endpointId] }, Ct)).VpcEndpoints).State;

    [Fact]
    public async Task a_new_endpoint_is_pending_until_its_pending_time_has_passed_then_available()
    {
        using var ec2 = _gateway.Ec2();
        var (vpc, subnet) = await VpcAsync(ec2, "10.51.0.0/16", dnsHostnames: true);
        var created = await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.us-east-1.ssm", VpcEndpointType = VpcEndpointType.Interface, SubnetIds = [subnet], PrivateDnsEnabled = true,
        }, Ct);

        Assert.Equal(State.Pending, created.VpcEndpoint.State);
        Assert.Equal(State.Pending, await StateAsync(ec2, created.VpcEndpoint.VpcEndpointId));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(State.Available, await StateAsync(ec2, created.VpcEndpoint.VpcEndpointId));
    }

    [Fact]
    public async Task a_deleted_endpoint_is_no_longer_listed()
    {
        using var ec2 = _gateway.Ec2();
        var (vpc, _) = await VpcAsync(ec2, "10.52.0.0/16", dnsHostnames: true);
        var table = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc }, Ct)).RouteTable.RouteTableId;
        var created = await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.us-east-1.s3", VpcEndpointType = VpcEndpointType.Gateway, RouteTableIds = [table],
        }, Ct);

        await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [created.VpcEndpoint.VpcEndpointId] }, Ct);

        var listed = await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { Filters = [new Filter("vpc-id", [vpc])] }, Ct);
        Assert.DoesNotContain(listed.VpcEndpoints ?? [], e => e.VpcEndpointId == created.VpcEndpoint.VpcEndpointId);
        Assert.Equal(EndpointLifecycle.Deleted, _gateway.State.EndpointState(created.VpcEndpoint.VpcEndpointId));
    }

    [Fact]
    public async Task private_dns_is_refused_when_the_vpc_has_no_dns_hostnames_as_aws_refuses_it()
    {
        using var ec2 = _gateway.Ec2();
        var (vpc, subnet) = await VpcAsync(ec2, "10.53.0.0/16", dnsHostnames: false);

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.us-east-1.secretsmanager", VpcEndpointType = VpcEndpointType.Interface, SubnetIds = [subnet], PrivateDnsEnabled = true,
        }, Ct));

        Assert.Equal("InvalidParameter", error.ErrorCode);
        Assert.Equal($"Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for {vpc}", error.Message);
        var listed = await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { Filters = [new Filter("vpc-id", [vpc])] }, Ct);
        Assert.Empty(listed.VpcEndpoints ?? []);
    }

    [Fact]
    public async Task an_interface_endpoint_without_private_dns_is_accepted_in_such_a_vpc()
    {
        using var ec2 = _gateway.Ec2();
        var (vpc, subnet) = await VpcAsync(ec2, "10.54.0.0/16", dnsHostnames: false);

        var created = await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.us-east-1.secretsmanager", VpcEndpointType = VpcEndpointType.Interface, SubnetIds = [subnet], PrivateDnsEnabled = false,
        }, Ct);

        Assert.Equal(State.Pending, created.VpcEndpoint.State);
    }

    [Fact]
    public async Task reset_policy_puts_back_the_full_access_policy()
    {
        using var ec2 = _gateway.Ec2();
        var (vpc, _) = await VpcAsync(ec2, "10.55.0.0/16", dnsHostnames: true);
        var table = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc }, Ct)).RouteTable.RouteTableId;
        var created = await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.us-east-1.s3", VpcEndpointType = VpcEndpointType.Gateway, RouteTableIds = [table],
            PolicyDocument = """{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}""",
        }, Ct);

        await ec2.ModifyVpcEndpointAsync(new ModifyVpcEndpointRequest { VpcEndpointId = created.VpcEndpoint.VpcEndpointId, ResetPolicy = true }, Ct);

        var policy = Assert.Single((await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { VpcEndpointIds = [created.VpcEndpoint.VpcEndpointId] }, Ct)).VpcEndpoints).PolicyDocument;
        Assert.Equal(VpceProbe.Lab.Policies.PolicyDecision.Allowed, VpceProbe.Lab.Policies.EndpointPolicy.Parse(policy).Evaluate("s3:GetObject", "arn:aws:s3:::any/key"));
    }
}
