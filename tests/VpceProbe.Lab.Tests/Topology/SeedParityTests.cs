using System.Diagnostics;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.Topology;

/// <summary>
/// The walkthrough topology has one definition (lab/topologies/walkthrough.json) and two appliers: the lab's
/// .NET seeder and localstack/seed_topology.py (what LocalStack runs when ready). This proves they build
/// the same VPC, so LocalStack, moto and the lab cannot drift apart.
/// </summary>
public class SeedParityTests
{
    [Fact]
    public async Task localstack_seed_script_builds_the_same_vpc_as_the_lab_seeder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var forLab = await MotoServer.StartAsync(ct);
        await using var forScript = await MotoServer.StartAsync(ct);

        var topology = LabTopology.Load("walkthrough");
        await new TopologySeeder(new Uri(forLab.Url), TimeProvider.System).SeedAsync(topology, ct);
        await RunSeedScriptAsync(forScript.Url, ct);

        var expected = await DescribeByNameAsync(forLab.Url, ct);
        var actual = await DescribeByNameAsync(forScript.Url, ct);
        TestContext.Current.SendDiagnosticMessage($"backend: moto ×2; compared {expected.Count} facts");
        Assert.Contains("vpc twtechVPC 10.0.0.0/16 dnsSupport=True dnsHostnames=True", expected);
        Assert.Equal(expected, actual);
    }

    private static async Task RunSeedScriptAsync(string endpoint, CancellationToken ct)
    {
        var root = AgentBinary.RepositoryRoot();
        var psi = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(root, "localstack", "seed_topology.py"), "--endpoint-url", endpoint, Path.Combine(root, "lab", "topologies", "walkthrough.json") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The script's botocore must not see the runner's AWS settings (AWS_PROFILE=nonexistent fails every call):
        // everything it needs is pinned here.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(name);
        }

        psi.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        psi.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"seed_topology.py failed ({process.ExitCode}):\n{await stderr}\n{await stdout}");
    }

    /// <summary>The VPC as a sorted list of facts keyed by Name tags, so ids (which differ per server) drop out.</summary>
    private static async Task<List<string>> DescribeByNameAsync(string endpoint, CancellationToken ct)
    {
        using var ec2 = new AmazonEC2Client(TopologySeeder.Credentials, new AmazonEC2Config { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
        using var s3 = new AmazonS3Client(TopologySeeder.Credentials, new AmazonS3Config { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", ForcePathStyle = true });
        var facts = new List<string>();
        var vpc = (await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("tag:Name", ["twtechVPC"])] }, ct)).Vpcs.Single();
        var dnsSupport = (await ec2.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpc.VpcId, Attribute = VpcAttributeName.EnableDnsSupport }, ct)).EnableDnsSupport;
        var dnsHostnames = (await ec2.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpc.VpcId, Attribute = VpcAttributeName.EnableDnsHostnames }, ct)).EnableDnsHostnames;
        facts.Add($"vpc {Name(vpc.Tags)} {vpc.CidrBlock} dnsSupport={dnsSupport} dnsHostnames={dnsHostnames}");

        var byVpc = new List<Filter> { new("vpc-id", [vpc.VpcId]) };
        var names = new Dictionary<string, string>();
        var subnets = (await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = byVpc }, ct)).Subnets;
        subnets.ForEach(s => names[s.SubnetId] = Name(s.Tags));
        var nats = (await ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { Filter = byVpc }, ct)).NatGateways;
        nats.ForEach(n => names[n.NatGatewayId] = Name(n.Tags));
        var igws = (await ec2.DescribeInternetGatewaysAsync(new DescribeInternetGatewaysRequest { Filters = [new Filter("attachment.vpc-id", [vpc.VpcId])] }, ct)).InternetGateways;
        igws.ForEach(i => names[i.InternetGatewayId] = Name(i.Tags));
        var groups = (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = byVpc }, ct)).SecurityGroups;
        groups.ForEach(g => names[g.GroupId] = g.GroupName);

        facts.AddRange(subnets.Select(s => $"subnet {Name(s.Tags)} {s.CidrBlock} {s.AvailabilityZone}"));
        facts.AddRange(nats.Select(n => $"nat {Name(n.Tags)} in {names[n.SubnetId]}"));
        facts.AddRange(igws.Select(i => $"igw {Name(i.Tags)}"));
        foreach (var table in (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = byVpc }, ct)).RouteTables)
        {
            var label = table.Associations?.Any(a => a.Main == true) == true ? "main" : Name(table.Tags);
            facts.AddRange((table.Associations ?? []).Where(a => a.SubnetId is not null).Select(a => $"rt {label} associated {names[a.SubnetId]}"));
            facts.AddRange((table.Routes ?? []).Select(r => $"rt {label} route {r.DestinationCidrBlock} -> {Target(r, names)}"));
        }

        foreach (var group in groups.Where(g => g.GroupName != "default"))
        {
            facts.AddRange((group.IpPermissions ?? []).SelectMany(p => (p.Ipv4Ranges ?? []).Select(r => $"sg {group.GroupName} in {p.IpProtocol} {p.FromPort}-{p.ToPort} {r.CidrIp}")));
            facts.Add($"sg {group.GroupName}");
        }

        var reservations = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = byVpc }, ct)).Reservations;
        facts.AddRange(reservations.SelectMany(r => r.Instances).Select(i =>
            $"instance {Name(i.Tags)} {names[i.SubnetId]} {i.PrivateIpAddress} {i.IamInstanceProfile?.Arn} sg={string.Join(',', i.SecurityGroups.Select(g => g.GroupName).Order())}"));
        foreach (var ep in (await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { Filters = byVpc }, ct)).VpcEndpoints)
        {
            facts.Add($"endpoint {ep.ServiceName} {ep.VpcEndpointType} privateDns={ep.PrivateDnsEnabled} subnets={string.Join(',', (ep.SubnetIds ?? []).Select(s => names[s]))} sg={string.Join(',', (ep.Groups ?? []).Select(g => names[g.GroupId]))}");
        }

        foreach (var bucket in (await s3.ListBucketsAsync(ct)).Buckets ?? [])
        {
            var keys = (await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket.BucketName }, ct)).S3Objects ?? [];
            facts.Add($"bucket {bucket.BucketName} keys={string.Join(',', keys.Select(k => k.Key).Order())}");
        }

        facts.Sort(StringComparer.Ordinal);
        return facts;
    }

    private static string Target(Route r, Dictionary<string, string> names) =>
        r.NatGatewayId is { } nat ? $"nat {names[nat]}"
        : r.GatewayId is "local" ? "local"
        : r.GatewayId is { } gw ? $"igw {names.GetValueOrDefault(gw, gw)}"
        : "other";

    private static string Name(List<Amazon.EC2.Model.Tag>? tags) => tags?.FirstOrDefault(t => t.Key == "Name")?.Value ?? "(unnamed)";
}
