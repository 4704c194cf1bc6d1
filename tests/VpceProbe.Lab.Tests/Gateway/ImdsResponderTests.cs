using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.EC2.Model;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.Gateway;

/// <summary>IMDSv2 as an instance with an instance profile sees it, on a fake IMDS frontend.</summary>
public class ImdsResponderTests(SharedMoto moto) : IAsyncLifetime
{
    private const string Role = "imds-test-role";
    private TestGateway _gateway = null!;
    private ServiceFrontend _imds = null!;
    private ServiceFrontend _service = null!;
    private string _instanceId = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync(moto.Server, configure: d =>
        {
            _imds = d.AddFrontend(FrontendKind.Imds);
            _service = d.AddFrontend(FrontendKind.AwsService);
        });
        using var http = new HttpClient();
        var iam = new MotoQueries(http, new Uri(moto.Server.Url), "us-east-1");
        var profile = $"imds-profile-{Guid.NewGuid():N}";
        await IgnoreExistingAsync(() => iam.QueryAsync("iam", "CreateRole", "2010-05-08",
            [new("RoleName", Role), new("AssumeRolePolicyDocument", """{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""")], Ct));
        await iam.QueryAsync("iam", "CreateInstanceProfile", "2010-05-08", [new("InstanceProfileName", profile)], Ct);
        await iam.QueryAsync("iam", "AddRoleToInstanceProfile", "2010-05-08", [new("InstanceProfileName", profile), new("RoleName", Role)], Ct);
        using var ec2 = _gateway.Ec2();
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-12c6146b", MinCount = 1, MaxCount = 1, IamInstanceProfile = new IamInstanceProfileSpecification { Name = profile },
        }, Ct);
        _instanceId = run.Reservation.Instances[0].InstanceId;
        _gateway.DataPlane.ImdsInstanceId = _instanceId;
    }

    private static async Task IgnoreExistingAsync(Func<Task<XElement>> create)
    {
        try
        {
            await create();
        }
        catch (InvalidOperationException e) when (e.Message.Contains("EntityAlreadyExists", StringComparison.Ordinal))
        {
            // Another test class made the role already: the shared moto keeps it.
        }
    }

    public ValueTask DisposeAsync() => _gateway.DisposeAsync();

    private async Task<string> TokenAsync(FrontendClient imds)
    {
        using var token = await imds.SendAsync(HttpMethod.Put, "169.254.169.254", "/latest/api/token", "none",
            headers: new Dictionary<string, string> { ["X-aws-ec2-metadata-token-ttl-seconds"] = "21600" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return await token.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The access key of role credentials fetched from IMDS as the SDK's chain fetches them.</summary>
    private async Task<string> RoleAccessKeyAsync()
    {
        using var imds = new FrontendClient(FrontendClient.PortOf(_imds), tls: false);
        var token = await TokenAsync(imds);
        using var credentials = await GetAsync(imds, $"/latest/meta-data/iam/security-credentials/{Role}", token);
        using var json = JsonDocument.Parse(await credentials.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("AccessKeyId").GetString()!;
    }

    private static async Task<HttpResponseMessage> GetAsync(FrontendClient imds, string path, string? token) =>
        await imds.SendAsync(HttpMethod.Get, "169.254.169.254", path, "none",
            headers: token is null ? null : new Dictionary<string, string> { ["X-aws-ec2-metadata-token"] = token });

    [Fact]
    public async Task metadata_without_a_session_token_is_refused_as_imdsv2_requires()
    {
        using var imds = new FrontendClient(FrontendClient.PortOf(_imds), tls: false);
        using var response = await GetAsync(imds, "/latest/meta-data/instance-id", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task with_a_token_the_instance_sees_its_id_region_and_role_credentials()
    {
        using var imds = new FrontendClient(FrontendClient.PortOf(_imds), tls: false);
        var token = await TokenAsync(imds);

        using var id = await GetAsync(imds, "/latest/meta-data/instance-id", token);
        using var region = await GetAsync(imds, "/latest/meta-data/placement/region", token);
        using var roles = await GetAsync(imds, "/latest/meta-data/iam/security-credentials/", token);
        using var credentials = await GetAsync(imds, $"/latest/meta-data/iam/security-credentials/{Role}", token);

        Assert.Equal(_instanceId, await id.Content.ReadAsStringAsync(Ct));
        Assert.Equal("us-east-1", await region.Content.ReadAsStringAsync(Ct));
        Assert.Equal(Role, await roles.Content.ReadAsStringAsync(Ct));
        using var json = JsonDocument.Parse(await credentials.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Success", json.RootElement.GetProperty("Code").GetString());
        Assert.StartsWith("ASIA", json.RootElement.GetProperty("AccessKeyId").GetString());
    }

    [Fact]
    public async Task access_denied_names_the_role_session_of_the_imds_credentials()
    {
        var accessKey = await RoleAccessKeyAsync();

        using var ec2 = _gateway.Ec2();
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.71.0.0/16" }, Ct)).Vpc.VpcId;
        var table = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc }, Ct)).RouteTable.RouteTableId;
        var endpoint = (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpc, ServiceName = "com.amazonaws.us-east-1.s3", VpcEndpointType = Amazon.EC2.VpcEndpointType.Gateway, RouteTableIds = [table],
            PolicyDocument = """{ "Statement": [ { "Effect": "Deny", "Principal": "*", "Action": "s3:ListAllMyBuckets", "Resource": "*" }, { "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*" } ] }""",
        }, Ct)).VpcEndpoint.VpcEndpointId;
        _gateway.State.EndpointCreated(endpoint);
        using var s3Client = new FrontendClient(FrontendClient.PortOf(_service), tls: true);
        _gateway.DataPlane.ServicePath = new ServicePath(ServicePathKind.GatewayEndpoint, "s3", endpoint, _instanceId);
        await Eventually.MatchAsync(() => Task.FromResult(_gateway.State.EndpointState(endpoint)), s => s == EndpointLifecycle.Available);

        using var denied = await s3Client.SendAsync(HttpMethod.Get, "s3.us-east-1.amazonaws.com", "/", "s3", accessKey);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains(
            $"User: arn:aws:sts::123456789012:assumed-role/{Role}/{_instanceId} is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in a VPC endpoint policy",
            await denied.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task get_caller_identity_with_role_credentials_names_the_assumed_role_session()
    {
        var accessKey = await RoleAccessKeyAsync();
        _gateway.DataPlane.ServicePath = new ServicePath(ServicePathKind.Public, "sts", null, null);
        using var sts = new FrontendClient(FrontendClient.PortOf(_service), tls: true);

        using var answer = await sts.SendAsync(HttpMethod.Post, "sts.us-east-1.amazonaws.com", "/", "sts", accessKey,
            body: "Action=GetCallerIdentity&Version=2011-06-15");

        var identity = XDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)).Descendants().First(e => e.Name.LocalName == "Arn").Value;
        Assert.Equal($"arn:aws:sts::123456789012:assumed-role/{Role}/{_instanceId}", identity);
    }
}
