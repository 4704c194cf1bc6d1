using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>The walkthrough's ids in the shared lab, and the NAT route the tests take away and put back.</summary>
internal sealed class Walkthrough(SharedLab lab, SeededTopology seeded)
{
    public const string SecureBucketPolicy = """{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::twtech-secure-bucket/*"] } ] }""";

    public static async Task<Walkthrough> UpAsync(SharedLab lab) => new(lab, (await lab.UpAsync()).Seeded!);

    public SeededTopology Seeded { get; } = seeded;

    public string InstanceId => Seeded.Id("instance", "twtech-private-instance");

    public string InstanceNamespace => lab.InstanceNamespace(InstanceId);

    public string PrivateRouteTable => Seeded.Id("route-table", "twtechPrivateRT");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<(int ExitCode, string Output)> OnInstanceAsync(string script) => InNamespace.ShAsync(InstanceNamespace, script);

    /// <summary>
    /// The AWS CLI on the instance as a user would run it: no endpoint override, no keys (IMDS role credentials).
    /// awscli v1 brings its own CA bundle, so AWS_CA_BUNDLE points it at the system store as on an Amazon Linux
    /// image, and S3 in us-east-1 is told to use its regional name.
    /// </summary>
    public Task<(int ExitCode, string Output)> AwsCliAsync(string arguments)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, "aws")));
        if (!onPath)
        {
            Assert.Skip("lab test: the AWS CLI (awscli) is not installed, and this test makes its call from inside the lab instance with it");
        }

        return OnInstanceAsync(
            "env -i PATH=\"$PATH\" HOME=/tmp AWS_DEFAULT_REGION=us-east-1 AWS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt " +
            "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=regional aws " + arguments);
    }

    public async Task RemoveNatRouteAsync(AmazonEC2Client ec2) =>
        await ec2.DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = PrivateRouteTable, DestinationCidrBlock = "0.0.0.0/0" }, Ct);

    public async Task RestoreNatRouteAsync(AmazonEC2Client ec2)
    {
        var table = (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = [PrivateRouteTable] }, Ct)).RouteTables.Single();
        if (!(table.Routes ?? []).Any(r => r.DestinationCidrBlock == "0.0.0.0/0"))
        {
            await ec2.CreateRouteAsync(new CreateRouteRequest
            {
                RouteTableId = PrivateRouteTable, DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = Seeded.Id("nat-gateway", "twtechNAT"),
            }, Ct);
        }
    }

    public static Task WaitAvailableAsync(AmazonEC2Client ec2, IReadOnlyList<string> endpointIds) =>
        Fakes.Eventually.MatchAsync(
            async () => (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { VpcEndpointIds = [.. endpointIds] }, Ct)).VpcEndpoints,
            endpoints => endpoints.Count == endpointIds.Count && endpoints.All(e => e.State == State.Available));

    public static async Task<List<VpcEndpoint>> DescribeEndpointsAsync(AmazonEC2Client ec2, IReadOnlyList<string> ids) =>
        (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { VpcEndpointIds = [.. ids] }, Ct)).VpcEndpoints;

    /// <summary>Puts back the endpoints of <paramref name="endpoints"/> whose service has none now: same service, subnets, groups and private DNS (new ids, as in AWS).</summary>
    public static async Task RecreateEndpointsAsync(AmazonEC2Client ec2, IReadOnlyList<VpcEndpoint> endpoints)
    {
        var present = await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest(), Ct);
        var made = new List<string>();
        foreach (var e in endpoints.Where(e => !(present.VpcEndpoints ?? []).Any(p => p.ServiceName == e.ServiceName)))
        {
            made.Add((await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
            {
                VpcId = e.VpcId, ServiceName = e.ServiceName, VpcEndpointType = VpcEndpointType.Interface, SubnetIds = e.SubnetIds,
                SecurityGroupIds = [.. e.Groups.Select(g => g.GroupId)], PrivateDnsEnabled = e.PrivateDnsEnabled,
            }, Ct)).VpcEndpoint.VpcEndpointId);
        }

        await WaitAvailableAsync(ec2, made);
    }

    /// <summary>Another instance beside the walkthrough's (its subnet, groups and profile), e.g. with another agent version or architecture.</summary>
    public async Task<string> LaunchBesideAsync(AmazonEC2Client ec2, string imageId, IReadOnlyDictionary<string, string> tags)
    {
        var template = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [InstanceId] }, Ct)).Reservations.Single().Instances.Single();
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = imageId, InstanceType = InstanceType.T3Micro, MinCount = 1, MaxCount = 1, SubnetId = template.SubnetId,
            SecurityGroupIds = [.. template.SecurityGroups.Select(g => g.GroupId)],
            IamInstanceProfile = new IamInstanceProfileSpecification { Arn = template.IamInstanceProfile.Arn },
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] }],
        }, Ct);
        return run.Reservation.Instances[0].InstanceId;
    }
}
