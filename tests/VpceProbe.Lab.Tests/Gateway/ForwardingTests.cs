using Amazon.EC2.Model;
using Amazon.S3.Model;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.Gateway;

public class ForwardingTests(SharedMoto moto) : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await TestGateway.StartAsync(moto.Server);

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();

    [Fact]
    public async Task ec2_calls_reach_moto_unchanged()
    {
        using var ec2 = _gateway.Ec2();
        var vpc = await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.42.0.0/16" }, TestContext.Current.CancellationToken);

        using var direct = new Amazon.EC2.AmazonEC2Client(
            new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
            new Amazon.EC2.AmazonEC2Config { ServiceURL = moto.Server.Url, AuthenticationRegion = "us-east-1" });
        var seen = await direct.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [vpc.Vpc.VpcId] }, TestContext.Current.CancellationToken);
        Assert.Equal("10.42.0.0/16", Assert.Single(seen.Vpcs).CidrBlock);
    }

    [Fact]
    public async Task s3_objects_round_trip_through_the_gateway()
    {
        using var s3 = _gateway.S3();
        var ct = TestContext.Current.CancellationToken;
        await s3.PutBucketAsync("forwarding-bucket", ct);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "forwarding-bucket", Key = "dir/a file.txt", ContentBody = "hello lab" }, ct);

        using var got = await s3.GetObjectAsync("forwarding-bucket", "dir/a file.txt", ct);
        using var reader = new StreamReader(got.ResponseStream);
        Assert.Equal("hello lab", await reader.ReadToEndAsync(ct));
        var head = await s3.GetObjectMetadataAsync("forwarding-bucket", "dir/a file.txt", ct);
        Assert.Equal(9, head.ContentLength);
    }

    [Fact]
    public async Task mutating_ec2_calls_reconcile_the_data_plane_and_reads_do_not()
    {
        using var ec2 = _gateway.Ec2();
        var ct = TestContext.Current.CancellationToken;
        var vpc = await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.43.0.0/16" }, ct);
        var table = await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc.Vpc.VpcId }, ct);
        var before = _gateway.DataPlane.Reconciles;

        await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = [table.RouteTable.RouteTableId] }, ct);
        Assert.Equal(before, _gateway.DataPlane.Reconciles);

        await ec2.CreateRouteAsync(new CreateRouteRequest { RouteTableId = table.RouteTable.RouteTableId, DestinationCidrBlock = "0.0.0.0/0", GatewayId = (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest(), ct)).InternetGateway.InternetGatewayId }, ct);
        Assert.True(_gateway.DataPlane.Reconciles > before);
    }
}
