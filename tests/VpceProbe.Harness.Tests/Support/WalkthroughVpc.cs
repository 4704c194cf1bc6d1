using System.Net;
using System.Text;
using Amazon.S3;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// The walkthrough's VPC seeded on an AWS endpoint (moto, LocalStack, the lab), one per test: 10.0.0.0/16 with DNS attributes, a public subnet with
/// an internet gateway and a NAT gateway, private subnets in two AZs behind a private route table whose
/// 0.0.0.0/0 goes to the NAT, an instance, and interface endpoints for ssm, ssmmessages and ec2messages.
/// The buckets and the secret are shared by every test on an endpoint (S3 and Secrets Manager are not per VPC).
/// </summary>
internal sealed record WalkthroughVpc(VpcSeed Seed, string PrivateTable, string NatGatewayId, string InstanceId, string PrivateSubnetA, string PrivateSubnetB)
{
    public const string Bucket = "twtech-secure-bucket";
    public const string OtherBucket = "twtech-other-bucket";
    public const string SecretId = "twtech/db-password";

    public string VpcId => Seed.VpcId;

    public static async Task<WalkthroughVpc> CreateAsync(AwsEndpoint aws)
    {
        var seed = await VpcSeed.CreateAsync(aws.Clients.Ec2());
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

        await SharedDataAsync(aws);
        return new WalkthroughVpc(seed, privateTable, nat, instance, privateA, privateB);
    }

    /// <summary>
    /// The two-AZ shape of the issue: subnet B moves to a private table of its own (0.0.0.0/0 to the same NAT) and gets
    /// an instance, so the targets use two route tables. Returns the new table and instance.
    /// </summary>
    public async Task<(string Table, string Instance)> SplitSecondAzAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var tables = await Seed.Ec2.DescribeRouteTablesAsync(new() { RouteTableIds = [PrivateTable] }, ct);
        var association = tables.RouteTables.Single().Associations.Single(a => a.SubnetId == PrivateSubnetB).RouteTableAssociationId;
        var table = (await Seed.Ec2.CreateRouteTableAsync(new() { VpcId = VpcId }, ct)).RouteTable.RouteTableId;
        await Seed.Ec2.ReplaceRouteTableAssociationAsync(new() { AssociationId = association, RouteTableId = table }, ct);
        await Seed.RouteAsync(table, "0.0.0.0/0", natGatewayId: NatGatewayId);
        return (table, await Seed.InstanceAsync(PrivateSubnetB));
    }

    public async Task<VpcSnapshot> DescribeAsync(AwsEndpoint aws) =>
        await new VpcDiscoverer(aws.Clients.Ec2(), aws.Clients.Ssm(), VpcSeed.Region).DescribeAsync(VpcId, TestContext.Current.CancellationToken);

    /// <summary>Routes and live endpoints, as the journal records them: what "the VPC is as it was" compares.</summary>
    public async Task<VpcBaseline> BaselineAsync(AwsEndpoint aws) => BaselineCheck.Capture(await DescribeAsync(aws));

    public static void AssertSame(VpcBaseline expected, VpcBaseline actual)
    {
        Assert.Equal(expected.Routes, actual.Routes);
        Assert.Equal(expected.EndpointIds, actual.EndpointIds);
    }

    private static async Task SharedDataAsync(AwsEndpoint aws)
    {
        var ct = TestContext.Current.CancellationToken;
        using var s3 = aws.Clients.S3();
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

        // Secrets Manager over its JSON protocol (the harness has no Secrets Manager client); moto, LocalStack and the
        // lab's gateway (moto behind it) read the service from the credential scope and check no signature.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, aws.Url)
        {
            Content = new StringContent($$"""{"Name":"{{SecretId}}","SecretString":"s3cr3t"}""", Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "secretsmanager.CreateSecret");
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=testing/20250101/{VpcSeed.Region}/secretsmanager/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, ct);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest, $"CreateSecret: {response.StatusCode}");
    }
}
