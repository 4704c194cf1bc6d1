using System.Net;
using System.Text;
using Amazon.S3;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// The walkthrough's VPC seeded in moto, one per test: 10.0.0.0/16 with DNS attributes, a public subnet with
/// an internet gateway and a NAT gateway, private subnets in two AZs behind a private route table whose
/// 0.0.0.0/0 goes to the NAT, an instance, and interface endpoints for ssm, ssmmessages and ec2messages.
/// The buckets and the secret are shared by every test (moto's S3 and Secrets Manager are global).
/// </summary>
public sealed record WalkthroughVpc(VpcSeed Seed, string PrivateTable, string NatGatewayId, string InstanceId, string PrivateSubnetA, string PrivateSubnetB)
{
    public const string Bucket = "twtech-secure-bucket";
    public const string OtherBucket = "twtech-other-bucket";
    public const string SecretId = "twtech/db-password";

    public string VpcId => Seed.VpcId;

    public static async Task<WalkthroughVpc> CreateAsync(MotoFixture moto)
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2());
        var publicSubnet = await seed.SubnetAsync("10.0.0.0/24", 'a');
        var privateA = await seed.SubnetAsync("10.0.10.0/24", 'a');
        var privateB = await seed.SubnetAsync("10.0.11.0/24", 'b');
        var igw = await seed.InternetGatewayAsync();
        var publicTable = await seed.RouteTableAsync(publicSubnet);
        await seed.RouteAsync(publicTable, "0.0.0.0/0", gatewayId: igw);
        var nat = await seed.NatGatewayAsync(publicSubnet);
        var privateTable = await seed.RouteTableAsync(privateA, privateB);
        await seed.RouteAsync(privateTable, "0.0.0.0/0", natGatewayId: nat);
        var instance = await seed.InstanceAsync(privateA);
        var sg = await seed.SecurityGroupAsync("ssm-endpoints", 443, "10.0.0.0/16");
        foreach (var service in new[] { "ssm", "ssmmessages", "ec2messages" })
        {
            await seed.InterfaceEndpointAsync(service, [privateA, privateB], [sg]);
        }

        await SharedDataAsync(moto);
        return new WalkthroughVpc(seed, privateTable, nat, instance, privateA, privateB);
    }

    public async Task<VpcSnapshot> DescribeAsync(MotoFixture moto) =>
        await new VpcDiscoverer(moto.Clients.Ec2(), moto.Clients.Ssm(), VpcSeed.Region).DescribeAsync(VpcId, TestContext.Current.CancellationToken);

    /// <summary>Routes and live endpoints, as the journal records them: what "the VPC is as it was" compares.</summary>
    public async Task<VpcBaseline> BaselineAsync(MotoFixture moto) => BaselineCheck.Capture(await DescribeAsync(moto));

    public static void AssertSame(VpcBaseline expected, VpcBaseline actual)
    {
        Assert.Equal(expected.Routes, actual.Routes);
        Assert.Equal(expected.EndpointIds, actual.EndpointIds);
    }

    private static async Task SharedDataAsync(MotoFixture moto)
    {
        var ct = TestContext.Current.CancellationToken;
        using var s3 = moto.Clients.S3();
        foreach (var bucket in new[] { Bucket, OtherBucket })
        {
            try
            {
                await s3.PutBucketAsync(bucket, ct);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Another test seeded it first.
            }
        }

        // Secrets Manager over its JSON protocol; moto reads the service from the credential scope and checks no signature.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, moto.Server.Url)
        {
            Content = new StringContent($$"""{"Name":"{{SecretId}}","SecretString":"s3cr3t"}""", Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "secretsmanager.CreateSecret");
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=testing/20250101/{VpcSeed.Region}/secretsmanager/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, ct);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest, $"CreateSecret: {response.StatusCode}");
    }
}
