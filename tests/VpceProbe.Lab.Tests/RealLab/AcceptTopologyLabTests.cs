using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// `vpceprobe accept` on the lab's other built-in topologies, each in a lab of its own: the VPC as built passes,
/// and each fault seeded with the SDK (an endpoint's security group without 443, private DNS off, a gateway endpoint
/// missing from one route table) fails exactly the cells it should, on the instances it should.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class AcceptTopologyLabTests
{
    private const string Bucket = "twtech-secure-bucket";
    private const string Secret = "twtech/db-password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task two_az_passes_as_built_strict_fails_the_gateway_cell_off_its_table_and_an_endpoint_sg_without_443_fails_its_cells()
    {
        await using var lab = await OwnLab.UpAsync("two-az", 'w');
        var (a, b) = (lab.Id("instance", "app-a"), lab.Id("instance", "app-b"));
        string[] common = ["--vpc-name", "two-az-vpc", "--egress-host", "google.com", "--bucket", Bucket, "--secret-id", Secret];

        var asBuilt = await lab.Harness.AcceptAsync("as-built", common);
        Assert.True(asBuilt.Code == 0, asBuilt.Output);
        Assert.Contains("is not on this subnet's route table", asBuilt.Reason("s3-gateway", b), StringComparison.Ordinal);
        Assert.Contains("is on route table", asBuilt.Reason("s3-gateway", a), StringComparison.Ordinal);

        var strict = await lab.Harness.AcceptAsync("strict", [.. common, "--strict"]);
        Assert.True(strict.Code == 1, strict.Output);
        Assert.Equal([$"s3-gateway@{b}"], strict.Failed);

        // A Secrets Manager endpoint whose only security group lets 80 in, not 443: the name still resolves privately,
        // nothing answers on 443, and the secret the workload reads through it is out of reach, from both AZs.
        using var ec2 = lab.Ec2();
        var vpcId = lab.Id("vpc", "two-az-vpc");
        var sg = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { VpcId = vpcId, GroupName = "no-443", Description = "80 only" }, Ct)).GroupId;
        await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = sg, IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 80, ToPort = 80, Ipv4Ranges = [new IpRange { CidrIp = "10.42.0.0/16" }] }],
        }, Ct);
        var endpoint = await InterfaceEndpointAsync(ec2, vpcId, "secretsmanager", [lab.Id("subnet", "private-a"), lab.Id("subnet", "private-b")], sg, privateDns: true);

        var blocked = await lab.Harness.AcceptAsync("sg-without-443", [.. common, "--wait-for", "5s"]);
        Assert.True(blocked.Code == 1, blocked.Output);
        Assert.Equal(new[] { $"secret@{a}", $"secret@{b}", $"tcp-secretsmanager@{a}", $"tcp-secretsmanager@{b}" }.Order(), blocked.Failed);
        Assert.Contains(sg, blocked.Reason("tcp-secretsmanager", a), StringComparison.Ordinal);
        Assert.Contains(endpoint, blocked.Reason("dns-secretsmanager", a), StringComparison.Ordinal);
    }

    [Fact]
    public async Task fleet_passes_as_built_on_one_instance_per_private_subnet_each_resolving_privately_and_leaving_by_its_nat()
    {
        await using var lab = await OwnLab.UpAsync("fleet", 'f');

        var asBuilt = await lab.Harness.AcceptAsync("as-built", "--vpc-name", "fleet-vpc", "--egress-host", "google.com");

        Assert.True(asBuilt.Code == 0, asBuilt.Output);
        var chosen = asBuilt.Cells.Select(c => c.GetProperty("instanceId").GetString()!).Distinct().ToList();
        using var ec2 = lab.Ec2();
        var subnets = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = chosen }, Ct)).Reservations
            .SelectMany(r => r.Instances).Select(i => i.SubnetId).Order().ToList();
        Assert.Equal(new[] { lab.Id("subnet", "private-a"), lab.Id("subnet", "private-b"), lab.Id("subnet", "private-c") }.Order(), subnets);
        foreach (var instance in chosen)
        {
            // Each AZ's table sends 0.0.0.0/0 to its own NAT: egress is expected reachable and was; the SSM names are private.
            Assert.Equal("reachable", asBuilt.Cell("egress", instance).GetProperty("expected").GetString());
            Assert.True(asBuilt.Cell("egress", instance).GetProperty("pass").GetBoolean(), asBuilt.Output);
            Assert.True(asBuilt.Cell("dns-ssmmessages", instance).GetProperty("pass").GetBoolean(), asBuilt.Output);
            Assert.True(asBuilt.Cell("tcp-ssm", instance).GetProperty("pass").GetBoolean(), asBuilt.Output);
        }
    }

    [Fact]
    public async Task locked_down_passes_as_built_and_private_dns_off_or_a_gateway_endpoint_missing_from_a_table_fail_the_right_cells()
    {
        await using var lab = await OwnLab.UpAsync("locked-down", 'l');
        var (a, b) = (lab.Id("instance", "app-a"), lab.Id("instance", "app-b"));
        string[] common = ["--vpc-name", "locked-down-vpc", "--egress-host", "google.com", "--bucket", Bucket, "--secret-id", Secret];
        using var ec2 = lab.Ec2();

        var asBuilt = await lab.Harness.AcceptAsync("as-built", common);
        Assert.True(asBuilt.Code == 0, asBuilt.Output);
        Assert.Equal("unreachable", asBuilt.Cell("egress", a).GetProperty("expected").GetString());

        // Private DNS off on the Secrets Manager endpoint: its name resolves to the public service, which a VPC
        // without NAT cannot reach, so the secret fails on both instances; the endpoint is recreated as it was after.
        var subnets = new List<string> { lab.Id("subnet", "private-a"), lab.Id("subnet", "private-b") };
        var endpointsSg = lab.Id("security-group", "endpoints-sg");
        await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [lab.Id("endpoint", "secretsmanager")] }, Ct);
        var dark = await InterfaceEndpointAsync(ec2, lab.Id("vpc", "locked-down-vpc"), "secretsmanager", subnets, endpointsSg, privateDns: false);
        var dnsOff = await lab.Harness.AcceptAsync("private-dns-off", common);
        Assert.True(dnsOff.Code == 1, dnsOff.Output);
        Assert.Equal(new[] { $"secret@{a}", $"secret@{b}" }.Order(), dnsOff.Failed);

        // With private DNS off, accept derives the endpoint's own name (vpce-ID-SUFFIX.secretsmanager.REGION.vpce.amazonaws.com,
        // as DescribeVpcEndpoints gives it): it resolves inside the VPC and answers on 443 from both instances.
        foreach (var instance in new[] { a, b })
        {
            var dns = dnsOff.Cell("dns-secretsmanager-vpce", instance);
            Assert.Matches(@"^vpce-[0-9a-f]+-[0-9a-f]{8}\.secretsmanager\.us-east-1\.vpce\.amazonaws\.com$", dns.GetProperty("target").GetString());
            Assert.Equal(("private", true), (dns.GetProperty("expected").GetString(), dns.GetProperty("pass").GetBoolean()));
            Assert.True(dnsOff.Cell("tcp-secretsmanager-vpce", instance).GetProperty("pass").GetBoolean(), dnsOff.Output);
        }

        Assert.Contains(dark, dnsOff.Reason("dns-secretsmanager-vpce", a), StringComparison.Ordinal);
        await ec2.DeleteVpcEndpointsAsync(new DeleteVpcEndpointsRequest { VpcEndpointIds = [dark] }, Ct);
        await InterfaceEndpointAsync(ec2, lab.Id("vpc", "locked-down-vpc"), "secretsmanager", subnets, endpointsSg, privateDns: true);

        // private-b gets a route table of its own, which the S3 gateway endpoint is not on: from there S3 is out of
        // reach (expected so, with the reason), and the bucket the workload needs fails there only.
        var table = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = lab.Id("vpc", "locked-down-vpc") }, Ct)).RouteTable.RouteTableId;
        await ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = table, SubnetId = subnets[1] }, Ct);
        var missing = await lab.Harness.AcceptAsync("gateway-missing", [.. common, "--wait-for", "5s"]);
        Assert.True(missing.Code == 1, missing.Output);
        Assert.Equal([$"s3-bucket@{b}"], missing.Failed);
        Assert.Equal("unreachable", missing.Cell("s3-gateway", b).GetProperty("expected").GetString());
        Assert.Contains($"is not on this subnet's route table {table}", missing.Reason("s3-gateway", b), StringComparison.Ordinal);
    }

    private static async Task<string> InterfaceEndpointAsync(AmazonEC2Client ec2, string vpcId, string service, List<string> subnets, string sg, bool privateDns)
    {
        var id = (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpcId, ServiceName = $"com.amazonaws.us-east-1.{service}", VpcEndpointType = VpcEndpointType.Interface,
            SubnetIds = subnets, SecurityGroupIds = [sg], PrivateDnsEnabled = privateDns,
        }, Ct)).VpcEndpoint.VpcEndpointId;
        await Walkthrough.WaitAvailableAsync(ec2, [id]);
        return id;
    }

    /// <summary>A lab of the test's own with one built-in topology, on a free port, swept when the test ends.</summary>
    private sealed class OwnLab : IAsyncDisposable
    {
        private readonly LabNames _names;
        private readonly StringWriter _log;
        private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-accept-topology-").FullName;

        private OwnLab(LabNames names, Uri gateway, SeededTopology seeded, StringWriter log)
        {
            (_names, Gateway, Seeded, _log) = (names, gateway, seeded, log);
            Harness = new AcceptHarness(gateway, seeded.Region, _dir);
        }

        public Uri Gateway { get; }

        public SeededTopology Seeded { get; }

        public AcceptHarness Harness { get; }

        public static async Task<OwnLab> UpAsync(string topology, char tag)
        {
            if (LabPreflight.Problems() is { Count: > 0 } problems)
            {
                Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
            }

            var names = new LabNames($"a{tag}{(Environment.ProcessId % 10000).ToString(CultureInfo.InvariantCulture)}");
            var gateway = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            var log = new StringWriter();
            var record = await new LabLauncher(names, LabBinary.Command(), TimeProvider.System, log).UpAsync(topology, gateway, Ct);
            var lab = new OwnLab(names, gateway, record.Seeded!, log);
            await lab.Harness.PrepareAsync(Ct);

            // As a user waits for the console to show the instances managed before accepting: SSM reports an
            // instance online once its agent has reached the SSM endpoints, which may follow `lab up` by a moment.
            using var ssm = new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient(
                new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
                new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig { ServiceURL = gateway.ToString(), AuthenticationRegion = record.Seeded!.Region });
            foreach (var instance in record.Seeded.OfKind(SeedKinds.Instance))
            {
                await Fakes.LabInstances.PingStatusAsync(ssm, instance.Id, Amazon.SimpleSystemsManagement.PingStatus.Online);
            }

            return lab;
        }

        public string Id(string kind, string name) => Seeded.Id(kind, name);

        public AmazonEC2Client Ec2() => new(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            new AmazonEC2Config { ServiceURL = Gateway.ToString(), AuthenticationRegion = Seeded.Region });

        public async ValueTask DisposeAsync()
        {
            await new LabSweeper(_names, _log, TimeProvider.System).SweepAsync(CancellationToken.None);
            Directory.Delete(_dir, recursive: true);
        }
    }
}
