using System.CommandLine;
using System.Text.Json;
using Amazon.EC2.Model;
using Amazon.S3;
using VpceProbe.Harness.Cli;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab.Topologies;

/// <summary>
/// Issue 10's adoption case with packets, on `two-az`: the S3 gateway endpoint is already on AZ a's table only.
/// `vpceprobe run` (ssm transport, agents inside the instances' namespaces) adopts it and removes both NAT routes; the
/// journaled completion adds AZ b's table for the run, so AZ b's agent still reaches S3 during the private phase (a
/// silent drop otherwise, as <see cref="TwoAzLabTests"/> shows), and under the scenario's one-bucket policy the other
/// bucket is denied from both AZs. Cleanup puts back the exact state before: NAT routes, the endpoint's one table and
/// its own policy.
/// </summary>
[Collection(typeof(TopologyLabCollection))]
public class TwoAzAdoptionLabTests
{
    private const string Staging = "vpceprobe-adoption-staging";

    private const string Scenario = """
        name: two-az-adoption
        vpcName: two-az-vpc
        region: us-east-1
        probes:
          - id: egress
            kind: http
            url: http://google.com/
          - id: s3-bucket
            kind: s3
            bucket: twtech-secure-bucket
          - id: s3-other-bucket
            kind: s3
            bucket: twtech-other-bucket
        phases:
          - name: baseline
            expect: { egress: reachable, s3-bucket: allowed, s3-other-bucket: allowed }
          - name: private
            waitFor: 15s
            actions:
              - type: remove-nat-routes
              - type: create-gateway-endpoint
                service: s3
                policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::twtech-secure-bucket","arn:aws:s3:::twtech-secure-bucket/*"]}]}'
            expect: { egress: unreachable, s3-bucket: allowed, s3-other-bucket: denied }
          - name: cleanup
            actions:
              - type: cleanup
            expect: { egress: reachable, s3-bucket: allowed, s3-other-bucket: allowed }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_adopted_s3_endpoint_gets_az_b_table_for_the_run_so_az_b_keeps_s3_and_cleanup_restores_the_exact_state()
    {
        await using var lab = await TopologyLab.UpAsync("two-az", 'd');
        using var ec2 = lab.Ec2();
        var vpcId = lab.Seeded.Id(SeedKinds.Vpc, "two-az-vpc");
        var (tableA, tableB) = (lab.Seeded.Id(SeedKinds.RouteTable, "private-a-rt"), lab.Seeded.Id(SeedKinds.RouteTable, "private-b-rt"));
        var appB = lab.Seeded.Id(SeedKinds.Instance, "app-b");
        var before = await StateAsync(ec2, vpcId);
        var s3Before = Assert.Single(before.Endpoints, e => e.ServiceName.EndsWith(".s3", StringComparison.Ordinal));
        Assert.Equal([tableA], s3Before.RouteTableIds);

        var (code, output, report) = await RunAsync(lab);

        Assert.True(code == 0, output);
        var cells = report.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("cells").EnumerateArray()).ToList();
        Assert.All(cells, c => Assert.True(c.GetProperty("pass").GetBoolean(), $"{c}\n{output}"));
        var privateS3OnB = Assert.Single(cells, c => Is(c, "private", "s3-bucket", appB));
        Assert.Equal("allowed", privateS3OnB.GetProperty("observed").GetString());
        Assert.Equal("denied", Assert.Single(cells, c => Is(c, "private", "s3-other-bucket", appB)).GetProperty("observed").GetString());

        // The completion was journaled and undone; nothing was created for S3.
        var changes = report.GetProperty("changes").EnumerateArray().ToList();
        var completion = changes.Where(c => c.GetProperty("action").GetString() == "modify-endpoint")
            .Select(c => (Phase: c.GetProperty("phase").GetString(), Resource: c.GetProperty("resource").GetString(), Status: c.GetProperty("status").GetString())).ToList();
        Assert.Equal([("private", s3Before.VpcEndpointId, "applied"), ("cleanup", s3Before.VpcEndpointId, "rolled_back")], completion);
        Assert.Contains(tableB, changes.Single(c => c.GetProperty("action").GetString() == "modify-endpoint" && c.GetProperty("phase").GetString() == "private").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(changes, c => c.GetProperty("action").GetString() == "create-endpoint" && c.GetProperty("description").GetString()!.Contains(".s3", StringComparison.Ordinal));

        var after = await StateAsync(ec2, vpcId);
        Assert.Equal(before.Routes, after.Routes);
        Assert.Equal(before.Endpoints.Select(e => e.VpcEndpointId), after.Endpoints.Select(e => e.VpcEndpointId));
        var s3After = Assert.Single(after.Endpoints, e => e.VpcEndpointId == s3Before.VpcEndpointId);
        Assert.Equal([tableA], s3After.RouteTableIds);
        Assert.True(JsonNodeEquals(s3Before.PolicyDocument, s3After.PolicyDocument), $"{s3Before.PolicyDocument}\n{s3After.PolicyDocument}");

        // And by packets: AZ b's table has no prefix-list route again, yet S3 answers through its NAT as before.
        Assert.DoesNotContain(after.RouteTablesById[tableB], r => r.StartsWith("pl-", StringComparison.Ordinal));
        Assert.Equal((0, "198.51.100.10"), await lab.OnInstanceAsync("app-b",
            "curl -sS -o /dev/null -m 5 -w '%{remote_ip}' https://s3.us-east-1.amazonaws.com/twtech-secure-bucket/hello.txt"));

        await lab.DownAsync();
    }

    private static bool Is(JsonElement cell, string phase, string probe, string instance) =>
        cell.GetProperty("phase").GetString() == phase && cell.GetProperty("probeId").GetString() == probe && cell.GetProperty("instanceId").GetString() == instance;

    private static bool JsonNodeEquals(string? a, string? b) =>
        a is not null && b is not null && System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(Uri.UnescapeDataString(a)), System.Text.Json.Nodes.JsonNode.Parse(Uri.UnescapeDataString(b)));

    /// <summary>`vpceprobe run` in-process, through SSM, as a user runs it against the lab.</summary>
    private static async Task<(int Code, string Output, JsonElement Report)> RunAsync(TopologyLab lab)
    {
        var dir = Directory.CreateTempSubdirectory("vpceprobe-adoption-").FullName;
        var scenario = Path.Combine(dir, "two-az-adoption.yaml");
        await File.WriteAllTextAsync(scenario, Scenario, Ct);
        var gateway = lab.GatewayUrl.ToString().TrimEnd('/');
        using (var s3 = new AmazonS3Client(TopologySeeder.Credentials, new AmazonS3Config { ServiceURL = gateway, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
        {
            await s3.PutBucketAsync(new Amazon.S3.Model.PutBucketRequest { BucketName = Staging }, Ct);
        }

        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        var output = new StringWriter();
        string[] args =
        [
            "run", scenario, "--yes", "--transport", "ssm", "--staging-bucket", Staging, "--agent-dir", Path.Combine(AgentBinary.RepositoryRoot(), "dist"),
            "--endpoint-url", gateway, "--region", "us-east-1", "--output-dir", Path.Combine(dir, "out"),
        ];
        var code = await HarnessCli.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = output }, Ct);
        var text = $"run: exit {code}\n{output}";
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var report = Path.Combine(dir, "out", "report.json");
        return File.Exists(report)
            ? (code, text, JsonDocument.Parse(await File.ReadAllTextAsync(report, Ct)).RootElement.Clone())
            : throw new Xunit.Sdk.XunitException($"no report was written\n{text}");
    }

    private static async Task<VpcState> StateAsync(Amazon.EC2.AmazonEC2Client ec2, string vpcId)
    {
        var filter = new List<Filter> { new("vpc-id", [vpcId]) };
        var tables = (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = filter }, Ct)).RouteTables;
        var routes = tables.SelectMany(t => (t.Routes ?? []).Select(r => $"{t.RouteTableId} {r.DestinationCidrBlock ?? r.DestinationPrefixListId} → {r.NatGatewayId ?? r.GatewayId}"))
            .Order(StringComparer.Ordinal).ToList();
        var endpoints = (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { Filters = filter }, Ct)).VpcEndpoints
            .Where(e => e.State?.Value is not ("deleted" or "deleting")).OrderBy(e => e.VpcEndpointId, StringComparer.Ordinal).ToList();
        var byTable = tables.ToDictionary(t => t.RouteTableId, t => (IReadOnlyList<string>)[.. (t.Routes ?? []).Select(r => r.DestinationPrefixListId ?? r.DestinationCidrBlock ?? "")]);
        return new VpcState(routes, endpoints, byTable);
    }

    private sealed record VpcState(IReadOnlyList<string> Routes, IReadOnlyList<VpcEndpoint> Endpoints, IReadOnlyDictionary<string, IReadOnlyList<string>> RouteTablesById);
}
