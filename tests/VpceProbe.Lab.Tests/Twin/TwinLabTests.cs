using System.Globalization;
using Amazon.EC2;
using Amazon.Runtime;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Tests.Fakes;
using VpceProbe.Lab.Topology;
using VpceProbe.Lab.Twin;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.Twin;

/// <summary>A twin of a moto VPC brought up as its own lab (root only): real ids map to lab ids, tags select the same instances, packets follow the twin's routes.</summary>
public class TwinLabTests(SharedMoto moto)
{
    [Fact]
    public async Task the_twin_comes_up_with_its_id_mapping_tags_and_routes_and_goes_down_leaving_nothing()
    {
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
        }

        var ct = TestContext.Current.CancellationToken;
        var source = await TwinSourceVpc.CreateAsync(moto.Server, "lab", workers: 0);
        var twin = TwinConverter.Convert(TwinConverter.Parse(await source.SnapshotJsonAsync(moto.Server)), new TwinOptions(Name: "shop-twin", MaxInstances: 5));
        var read = TopologyReader.Parse(TopologyReader.Serialize(twin.Topology), "twin");
        Assert.True(read.IsValid, string.Join("\n", read.Errors));

        var names = new LabNames($"w{(Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture)}");
        var gateway = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var log = new StringWriter();
        var sweeper = new LabSweeper(names, log, TimeProvider.System);
        try
        {
            LabRecord record;
            try
            {
                record = await new LabLauncher(names, LabBinary.Command(), TimeProvider.System, log).UpAsync(read.Topology!, gateway, ct);
            }
            catch (Exception e) when (e is LabCommandException or AmazonServiceException)
            {
                Assert.Fail($"the twin did not come up: {e.Message}\n{log}");
                throw;
            }

            var seeded = record.Seeded!;
            var summary = new StringWriter();
            LabSummary.Write(summary, record, MotoServer.Region);

            // Every twinned resource is mapped, the VPC and the two app instances among them, and the mapping is printed.
            var mapping = seeded.FromSources().ToDictionary(r => r.SourceId!, r => r.Id);
            Assert.Equal(seeded.VpcId, mapping[source.VpcId]);
            Assert.Contains($"{source.VpcId,-24} → {seeded.VpcId}", summary.ToString(), StringComparison.Ordinal);
            var app = mapping[source.Ids["app-i"]];
            var isolated = mapping[source.Ids["isolated-i"]];
            Assert.Equal(seeded.Id("instance", "shop-app"), app);

            // A scenario's tag selector finds the same instances on AWS (here moto) and on the twin.
            var onSource = await InstancesTaggedAsync(TwinSourceVpc.Ec2(moto.Server), source.VpcId, "Role", "app");
            using var labEc2 = new AmazonEC2Client(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey), new AmazonEC2Config { ServiceURL = gateway.ToString(), AuthenticationRegion = MotoServer.Region });
            var onTwin = await InstancesTaggedAsync(labEc2, seeded.VpcId, "Role", "app");
            Assert.Equal(onSource.Select(id => mapping[id]).Order(StringComparer.Ordinal), onTwin.Order(StringComparer.Ordinal));

            // The app subnet's table routes 0.0.0.0/0 to the NAT gateway; the isolated subnet has the main table, with no way out.
            var reached = await RealLab.InNamespace.ShAsync(names.Instance(app), "curl -sS -m 5 http://google.com/");
            var blocked = await RealLab.InNamespace.ShAsync(names.Instance(isolated), "curl -sS -o /dev/null -m 3 http://google.com/");
            Assert.Equal((0, "<html><body>lab internet host google.com</body></html>\n"), reached);
            Assert.Equal(28, blocked.ExitCode); // a timeout: dropped silently, as AWS does
        }
        finally
        {
            await sweeper.SweepAsync(CancellationToken.None);
        }

        Assert.Empty(await sweeper.NamespacesAsync(CancellationToken.None));
        Assert.False(Directory.Exists(names.StateDirectory));
    }

    private static async Task<List<string>> InstancesTaggedAsync(IAmazonEC2 ec2, string vpcId, string key, string value)
    {
        var reservations = await ec2.DescribeInstancesAsync(new() { Filters = [new("vpc-id", [vpcId]), new($"tag:{key}", [value])] }, TestContext.Current.CancellationToken);
        return [.. reservations.Reservations.SelectMany(r => r.Instances).Select(i => i.InstanceId)];
    }
}
