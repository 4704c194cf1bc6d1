using System.Globalization;
using Amazon.EC2;
using Amazon.Runtime;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>A lab of the test's own with one built-in topology, on a free port, swept when the test ends.</summary>
internal sealed class OwnLab : IAsyncDisposable
{
    private readonly LabNames _names;
    private readonly StringWriter _log;
    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-accept-topology-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
