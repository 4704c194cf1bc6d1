using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Tests.Fakes;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.Gateway;

public class Ec2InterceptorTests(SharedMoto moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_call_moto_performed_is_answered_with_its_success_when_the_data_plane_cannot_put_it_in_force_so_the_sdk_never_sends_it_twice()
    {
        await using var gateway = await TestGateway.StartAsync(moto.Server);
        // The SDK's default retries, as the seeder had them: a 5xx here would make it send CreateNatGateway again.
        using var ec2 = new AmazonEC2Client(TestGateway.Credentials, new AmazonEC2Config { ServiceURL = gateway.Url.ToString(), AuthenticationRegion = MotoServer.Region });
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.57.0.0/16" }, Ct)).Vpc.VpcId;
        var subnet = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.57.1.0/24" }, Ct)).Subnet.SubnetId;
        var allocation = (await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = DomainType.Vpc }, Ct)).AllocationId;
        gateway.DataPlane.ReconcileFailure = new LabCommandException("`ip -n vpl-x-vpc -batch -` failed (1): RTNETLINK answers: File exists");
        var before = gateway.DataPlane.Reconciles;

        var nat = await ec2.CreateNatGatewayAsync(new CreateNatGatewayRequest { SubnetId = subnet, AllocationId = allocation }, Ct);

        var made = (await ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = [new Filter("vpc-id", [vpc])] }, Ct)).NatGateways;
        Assert.Equal(nat.NatGateway.NatGatewayId, Assert.Single(made).NatGatewayId);
        Assert.Equal(allocation, Assert.Single(made[0].NatGatewayAddresses).AllocationId);
        Assert.Equal(Ec2Interceptor.ReconcileAttempts, gateway.DataPlane.Reconciles - before);
    }

    [Theory]
    [InlineData("CreateRoute", true)]
    [InlineData("RunInstances", true)]
    [InlineData("ModifyInstanceAttribute", true)]
    [InlineData("DescribeInstances", false)]
    [InlineData("CreateTags", false)]
    [InlineData("DeleteTags", false)]
    public void only_calls_that_can_change_what_packets_do_reconcile_the_data_plane(string action, bool reconciles)
    {
        Assert.Equal(reconciles, Ec2Interceptor.IsMutating(action));
    }
}
