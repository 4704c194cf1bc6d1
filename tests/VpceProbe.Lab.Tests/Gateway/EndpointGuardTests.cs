using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3.Model;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.Gateway;

/// <summary>Service traffic arriving on a frontend, tagged with the path it took (the fake data plane says which).</summary>
public class EndpointGuardTests(SharedMoto moto) : IAsyncLifetime
{
    private const string Bucket = "guard-secure-bucket";
    private const string OtherBucket = "guard-other-bucket";
    private const string WalkthroughPolicy = """{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::guard-secure-bucket/*"] } ] }""";

    private readonly FakeTimeProvider _time = TestGateway.FakeTime();
    private TestGateway _gateway = null!;
    private ServiceFrontend _frontend = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(moto.Server, time: _time, configure: d => _frontend = d.AddFrontend(FrontendKind.AwsService));
        using var s3 = _gateway.S3();
        foreach (var bucket in new[] { Bucket, OtherBucket })
        {
            try
            {
                await s3.PutBucketAsync(bucket, Ct);
            }
            catch (Amazon.S3.Model.BucketAlreadyOwnedByYouException)
            {
                // moto is shared by the class's tests: a bucket an earlier test made is as good (outside us-east-1
                // S3 answers a second create with this error instead of 200).
            }

            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "report.txt", ContentBody = "data" }, Ct);
        }
    }

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();

    private async Task<string> GatewayEndpointAsync(string? policy)
    {
        using var ec2 = _gateway.Ec2();
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.61.0.0/16" }, Ct)).Vpc.VpcId;
        var table = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc }, Ct)).RouteTable.RouteTableId;
        var endpoint = await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.us-east-1.s3", VpcEndpointType = VpcEndpointType.Gateway, RouteTableIds = [table], PolicyDocument = policy,
        }, Ct);
        return endpoint.VpcEndpoint.VpcEndpointId;
    }

    private FrontendClient Client() => new(FrontendClient.PortOf(_frontend), tls: true);

    [Fact]
    public async Task s3_through_a_gateway_endpoint_is_served_when_the_policy_allows_it()
    {
        var endpoint = await GatewayEndpointAsync(WalkthroughPolicy);
        _time.Advance(TimeSpan.FromSeconds(3));
        _gateway.DataPlane.ServicePath = new ServicePath(ServicePathKind.GatewayEndpoint, "s3", endpoint, null);
        using var client = Client();

        using var response = await client.SendAsync(HttpMethod.Get, "s3.us-east-1.amazonaws.com", $"/{Bucket}/report.txt", "s3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("data", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task s3_request_the_policy_does_not_allow_gets_aws_access_denied()
    {
        var endpoint = await GatewayEndpointAsync(WalkthroughPolicy);
        _time.Advance(TimeSpan.FromSeconds(3));
        _gateway.DataPlane.ServicePath = new ServicePath(ServicePathKind.GatewayEndpoint, "s3", endpoint, null);
        using var client = Client();

        using var response = await client.SendAsync(HttpMethod.Get, $"{OtherBucket}.s3.us-east-1.amazonaws.com", "/report.txt", "s3");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        Assert.Equal("AccessDenied", error.Element("Code")!.Value);
        Assert.EndsWith(
            $"is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::{OtherBucket}/report.txt\" because no VPC endpoint policy allows the s3:GetObject action",
            error.Element("Message")!.Value);
    }

    [Fact]
    public async Task the_public_path_applies_no_endpoint_policy()
    {
        await GatewayEndpointAsync(WalkthroughPolicy);
        _gateway.DataPlane.ServicePath = new ServicePath(ServicePathKind.Public, "s3", null, null);
        using var client = Client();

        using var response = await client.SendAsync(HttpMethod.Get, "s3.us-east-1.amazonaws.com", $"/{OtherBucket}/report.txt", "s3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_pending_endpoint_carries_no_traffic()
    {
        var endpoint = await GatewayEndpointAsync(null);
        _gateway.DataPlane.ServicePath = new ServicePath(ServicePathKind.GatewayEndpoint, "s3", endpoint, null);
        using var client = Client();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(HttpMethod.Get, "s3.us-east-1.amazonaws.com", $"/{Bucket}/report.txt", "s3"));
    }

    [Fact]
    public async Task secrets_manager_through_an_interface_endpoint_enforces_its_policy_on_the_secret_arn()
    {
        using var client = Client();
        _gateway.DataPlane.ServicePath = new ServicePath(ServicePathKind.Public, "secretsmanager", null, null);
        foreach (var name in new[] { "guard-allowed-secret", "guard-denied-secret" })
        {
            using var created = await client.SendAsync(HttpMethod.Post, "secretsmanager.us-east-1.amazonaws.com", "/", "secretsmanager",
                target: "secretsmanager.CreateSecret", body: JsonSerializer.Serialize(new { Name = name, SecretString = "s3cr3t" }));
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using var ec2 = _gateway.Ec2();
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.62.0.0/16" }, Ct)).Vpc.VpcId;
        var subnet = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = "10.62.1.0/24" }, Ct)).Subnet.SubnetId;
        var endpoint = (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.us-east-1.secretsmanager", VpcEndpointType = VpcEndpointType.Interface, SubnetIds = [subnet], PrivateDnsEnabled = false,
            PolicyDocument = """{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:guard-allowed-secret-*" } ] }""",
        }, Ct)).VpcEndpoint.VpcEndpointId;
        _time.Advance(TimeSpan.FromSeconds(3));
        _gateway.DataPlane.ServicePath = new ServicePath(ServicePathKind.InterfaceEndpoint, "secretsmanager", endpoint, null);

        using var allowed = await client.SendAsync(HttpMethod.Post, "secretsmanager.us-east-1.amazonaws.com", "/", "secretsmanager",
            target: "secretsmanager.GetSecretValue", body: """{"SecretId":"guard-allowed-secret"}""");
        using var denied = await client.SendAsync(HttpMethod.Post, "secretsmanager.us-east-1.amazonaws.com", "/", "secretsmanager",
            target: "secretsmanager.GetSecretValue", body: """{"SecretId":"guard-denied-secret"}""");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, denied.StatusCode);
        using var body = JsonDocument.Parse(await denied.Content.ReadAsStringAsync(Ct));
        Assert.Equal("AccessDeniedException", body.RootElement.GetProperty("__type").GetString());
        Assert.Contains("on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:guard-denied-secret-", body.RootElement.GetProperty("Message").GetString());
        Assert.EndsWith("because no VPC endpoint policy allows the secretsmanager:GetSecretValue action", body.RootElement.GetProperty("Message").GetString());
    }
}
