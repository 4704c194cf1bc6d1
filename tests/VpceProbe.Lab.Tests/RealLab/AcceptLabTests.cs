using System.CommandLine;
using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SimpleSystemsManagement;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Scenario;
using VpceProbe.Lab.Tests.Fakes;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

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
    private const string Staging = "vpceprobe-accept-staging";

    private static readonly string[] SsmPath = ["dns-ssm", "dns-ssmmessages", "dns-ec2messages", "tcp-ssm", "tcp-ssmmessages", "tcp-ec2messages"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-accept-lab-").FullName;

    [Fact]
    public async Task accept_before_and_after_the_walkthroughs_changes_reports_exactly_the_expected_regressions_and_improvements()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var ec2 = lab.Ec2();
        using var ssm = lab.Ssm();
        await StagingBucketAsync();
        var created = new List<string>();
        try
        {
            // Before: NAT route, the SSM endpoints. Everything derived is met; the agent is deployed through SSM on the way.
            var before = await AcceptAsync("before", "--save", Saved("before"));
            Assert.True(before.Code == 0, before.Output);
            Assert.Equal(Sorted([.. SsmPath, "sts", "egress", "s3-bucket", "secret"]), Sorted(ProbeIds(before.Report)));
            Assert.Contains($"route table {walkthrough.PrivateTable()} sends 0.0.0.0/0 to", Reason(before.Report, "egress"), StringComparison.Ordinal);

            // The NAT route goes: the bucket and the secret the workload needs are lost (regressions, exit 1);
            // egress and STS go as the route table now implies (changed); the SSM path is untouched.
            await walkthrough.RemoveNatRouteAsync(ec2);
            var natless = await AcceptAsync("natless", "--compare", Saved("before"), "--save", Saved("natless"));
            Assert.True(natless.Code == 1, natless.Output);
            AssertComparison(natless.Report, ("s3-bucket", "regression"), ("secret", "regression"), ("sts", "changed"), ("egress", "changed"));

            // The endpoints are created: against the start nothing regressed, three probes are new (the S3 gateway's
            // ListBuckets is denied by the one-bucket policy, which proves the path); against the NAT-less state the
            // bucket and the secret are fixed.
            created.Add(await GatewayEndpointAsync(ec2, walkthrough));
            created.Add(await SecretsEndpointAsync(ec2, walkthrough));
            await Walkthrough.WaitAvailableAsync(ec2, created);
            var after = await AcceptAsync("after", "--compare", Saved("before"), "--wait-for", "10s");
            Assert.True(after.Code == 0, after.Output);
            AssertComparison(after.Report,
                ("sts", "changed"), ("egress", "changed"), ("dns-secretsmanager", "new"), ("tcp-secretsmanager", "new"), ("s3-gateway", "new"),
                ("s3-bucket", "unchanged"), ("secret", "unchanged"));
            Assert.Equal("denied", Cell(after.Report, "s3-gateway").GetProperty("expected").GetString());
            Assert.Contains($"gateway endpoint {created[0]} (s3) is on route table {walkthrough.PrivateTable()}", Reason(after.Report, "s3-gateway"), StringComparison.Ordinal);

            var mended = await AcceptAsync("mended", "--compare", Saved("natless"), "--wait-for", "10s");
            Assert.True(mended.Code == 0, mended.Output);
            AssertComparison(mended.Report,
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

    private string Saved(string name) => Path.Combine(_dir, $"{name}.json");

    /// <summary>`vpceprobe accept` in-process, through SSM, against the lab; its exit code, what it printed and its report.json.</summary>
    private async Task<(int Code, string Output, JsonElement Report)> AcceptAsync(string step, params string[] extra)
    {
        var output = new StringWriter();
        var outputDir = Path.Combine(_dir, step);
        string[] args =
        [
            "accept", "--vpc-name", "twtechVPC", "--transport", "ssm", "--staging-bucket", Staging,
            "--agent-dir", Path.Combine(AgentBinary.RepositoryRoot(), "dist"),
            "--egress-host", "google.com", "--bucket", Bucket, "--secret-id", Secret,
            "--endpoint-url", lab.GatewayUrl.ToString().TrimEnd('/'), "--region", lab.Region, "--output-dir", outputDir, .. extra,
        ];
        var code = await HarnessCli.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = output }, Ct);
        var text = $"accept {step}: exit {code}\n{output}";
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var report = File.Exists(Path.Combine(outputDir, "report.json"))
            ? JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outputDir, "report.json"), Ct)).RootElement.Clone()
            : throw new Xunit.Sdk.XunitException($"no report was written\n{text}");
        return (code, text, report);
    }

    private static IEnumerable<JsonElement> Cells(JsonElement report) =>
        report.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("cells").EnumerateArray());

    private static IReadOnlyList<string> ProbeIds(JsonElement report) => [.. Cells(report).Select(c => c.GetProperty("probeId").GetString()!)];

    private static JsonElement Cell(JsonElement report, string probe) => Cells(report).Single(c => c.GetProperty("probeId").GetString() == probe);

    private static string Reason(JsonElement report, string probe) => Cell(report, probe).GetProperty("reason").GetString()!;

    private static IEnumerable<(string Probe, string Category)> Comparison(JsonElement report) =>
        report.GetProperty("comparison").GetProperty("cells").EnumerateArray()
            .Select(c => (c.GetProperty("probeId").GetString()!, c.GetProperty("category").GetString()!));

    /// <summary>
    /// Exactly these categories, the SSM path unchanged besides, and regressions first. The order of cells within a
    /// category follows DescribeVpcEndpoints' order of the endpoints, so categories are compared as sets.
    /// </summary>
    private static void AssertComparison(JsonElement report, params (string Probe, string Category)[] expected)
    {
        var actual = Comparison(report).ToList();
        Assert.Equal(Sorted([.. expected, .. SsmPath.Select(p => (p, "unchanged"))]), Sorted(actual));
        var regressions = actual.Count(c => c.Category == "regression");
        Assert.All(actual.Take(regressions), c => Assert.Equal("regression", c.Category));
    }

    private static List<T> Sorted<T>(IEnumerable<T> items) => [.. items.Order()];

    private async Task StagingBucketAsync()
    {
        using var s3 = new AmazonS3Client(TopologySeeder.Credentials, new AmazonS3Config { ServiceURL = lab.GatewayUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = lab.Region });
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = Staging }, Ct);

        // The harness in-process takes its credentials from the SDK's default chain: the lab's, for this process.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
    }

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
