using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using VpceProbe.Harness.Scenario;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// `vpceprobe accept` on the walkthrough lab through SSM, before and after the walkthrough's changes made with the
/// AWS SDK directly (not by the harness): the NAT route removed, then an S3 gateway endpoint restricted to one bucket
/// and a Secrets Manager interface endpoint. `--compare` must report exactly the regressions and improvements the
/// changes cause. The VPC is put back as it was at the end, whatever happened.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class AcceptLabTests(SharedLab lab)
{
    private const string Bucket = "twtech-secure-bucket";
    private const string Secret = "twtech/db-password";

    private static readonly string[] SsmPath = ["dns-ssm", "dns-ssmmessages", "dns-ec2messages", "tcp-ssm", "tcp-ssmmessages", "tcp-ec2messages"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-accept-lab-").FullName;

    [Fact]
    public async Task accept_before_and_after_the_walkthroughs_changes_reports_exactly_the_expected_regressions_and_improvements()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        using var ssm = lab.Ssm();
        await Harness.PrepareAsync(Ct);
        var created = new List<string>();
        try
        {
            // Before: NAT route, the SSM endpoints. Everything derived is met; the agent is deployed through SSM on the way.
            var before = await AcceptAsync("before", "--save", Saved("before"));
            Assert.True(before.Code == 0, before.Output);
            Assert.Equal(Sorted([.. SsmPath, "sts", "egress", "s3-bucket", "secret"]), Sorted(before.ProbeIds));
            Assert.Contains($"route table {walkthrough.PrivateTable()} sends 0.0.0.0/0 to", before.Reason("egress"), StringComparison.Ordinal);

            // The NAT route goes: the bucket and the secret the workload needs are lost (regressions, exit 1);
            // egress and STS go as the route table now implies (changed); the SSM path is untouched.
            await walkthrough.RemoveNatRouteAsync(ec2);
            var natless = await AcceptAsync("natless", "--compare", Saved("before"), "--save", Saved("natless"));
            Assert.True(natless.Code == 1, natless.Output);
            AssertComparison(natless, ("s3-bucket", "regression"), ("secret", "regression"), ("sts", "changed"), ("egress", "changed"));

            // The endpoints are created: against the start nothing regressed, three probes are new (the S3 gateway's
            // ListBuckets is denied by the one-bucket policy, which proves the path); against the NAT-less state the
            // bucket and the secret are fixed.
            created.Add(await GatewayEndpointAsync(ec2, walkthrough));
            created.Add(await SecretsEndpointAsync(ec2, walkthrough));
            await Walkthrough.WaitAvailableAsync(ec2, created);
            var after = await AcceptAsync("after", "--compare", Saved("before"), "--wait-for", "10s");
            Assert.True(after.Code == 0, after.Output);
            AssertComparison(after,
                ("sts", "changed"), ("egress", "changed"), ("dns-secretsmanager", "new"), ("tcp-secretsmanager", "new"), ("s3-gateway", "new"),
                ("s3-bucket", "unchanged"), ("secret", "unchanged"));
            Assert.Equal("denied", after.Cell("s3-gateway").GetProperty("expected").GetString());
            Assert.Contains($"gateway endpoint {created[0]} (s3) is on route table {walkthrough.PrivateTable()}", after.Reason("s3-gateway"), StringComparison.Ordinal);

            var mended = await AcceptAsync("mended", "--compare", Saved("natless"), "--wait-for", "10s");
            Assert.True(mended.Code == 0, mended.Output);
            AssertComparison(mended,
                ("s3-bucket", "fixed"), ("secret", "fixed"), ("dns-secretsmanager", "new"), ("tcp-secretsmanager", "new"), ("s3-gateway", "new"),
                ("sts", "unchanged"), ("egress", "unchanged"));
        }
        finally
        {
            if (created.Count > 0)
            {
                await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = created }, CancellationToken.None);
            }

            await walkthrough.RestoreNatRouteAsync(ec2);
            await LabInstances.PingStatusAsync(ssm, walkthrough.InstanceId, PingStatus.Online);
            Directory.Delete(_dir, recursive: true);
        }
    }

    private AcceptHarness Harness => new(lab.GatewayUrl, lab.Region, _dir);

    private Task<AcceptOutcome> AcceptAsync(string step, params string[] extra) =>
        Harness.AcceptAsync(step, ["--vpc-name", "twtechVPC", "--egress-host", "google.com", "--bucket", Bucket, "--secret-id", Secret, .. extra]);

    private string Saved(string name) => Harness.Saved(name);

    /// <summary>
    /// Exactly these categories, the SSM path unchanged besides, and regressions first. The order of cells within a
    /// category follows DescribeVpcEndpoints' order of the endpoints, so categories are compared as sets.
    /// </summary>
    private static void AssertComparison(AcceptOutcome outcome, params (string Probe, string Category)[] expected)
    {
        var actual = outcome.Comparison.ToList();
        Assert.Equal(Sorted([.. expected, .. SsmPath.Select(p => (p, "unchanged"))]), Sorted(actual));
        var regressions = actual.Count(c => c.Category == "regression");
        Assert.All(actual.Take(regressions), c => Assert.Equal("regression", c.Category));
    }

    private static List<T> Sorted<T>(IEnumerable<T> items) => [.. items.Order()];

    private static async Task<string> GatewayEndpointAsync(AmazonEC2Client ec2, Walkthrough walkthrough) =>
        (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = walkthrough.VpcId(), ServiceName = "com.amazonaws.us-east-1.s3", VpcEndpointType = VpcEndpointType.Gateway,
            RouteTableIds = [walkthrough.PrivateTable()], PolicyDocument = WalkthroughScenario.OneBucketPolicy(Bucket),
        }, Ct)).VpcEndpoint.VpcEndpointId;

    private static async Task<string> SecretsEndpointAsync(AmazonEC2Client ec2, Walkthrough walkthrough) =>
        (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = walkthrough.VpcId(), ServiceName = "com.amazonaws.us-east-1.secretsmanager", VpcEndpointType = VpcEndpointType.Interface,
            SubnetIds = [walkthrough.Seeded.Id("subnet", "twtechPrivateSubnet")], SecurityGroupIds = [walkthrough.Seeded.Id("security-group", "twtech-endpoints-sg")],
            PrivateDnsEnabled = true,
        }, Ct)).VpcEndpoint.VpcEndpointId;
}

/// <summary>The walkthrough's ids accept's test needs, beside <see cref="Walkthrough"/>'s own.</summary>
internal static class WalkthroughIds
{
    public static string VpcId(this Walkthrough walkthrough) => walkthrough.Seeded.Id("vpc", "twtechVPC");

    public static string PrivateTable(this Walkthrough walkthrough) => walkthrough.PrivateRouteTable;
}
