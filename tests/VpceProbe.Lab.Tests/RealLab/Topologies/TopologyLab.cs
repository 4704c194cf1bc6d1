using System.Globalization;
using Amazon.EC2;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab.Topologies;

/// <summary>
/// A built-in topology brought up as a lab of its own (names from the PID plus a suffix, a free port), for one
/// root test: packets from inside its instances, then <see cref="DownAsync"/> (what `lab down` runs) and the proof
/// that nothing of it is left. Skips where a lab cannot run.
/// </summary>
public sealed class TopologyLab : IAsyncDisposable
{
    private readonly StringWriter _log = new();
    private bool _down;

    private TopologyLab(LabNames names, Uri gatewayUrl)
    {
        Names = names;
        GatewayUrl = gatewayUrl;
    }

    internal LabNames Names { get; }

    public Uri GatewayUrl { get; }

    internal LabRecord Record { get; private set; } = null!;

    internal SeededTopology Seeded => Record.Seeded!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TopologyLab> UpAsync(string topology, char suffix)
    {
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
        }

        var lab = new TopologyLab(
            new LabNames($"t{(Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture)}{suffix}"),
            new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}"));
        try
        {
            lab.Record = await new LabLauncher(lab.Names, LabBinary.Command(), TimeProvider.System, lab._log).UpAsync(LabTopology.Load(topology), lab.GatewayUrl, Ct);
        }
        catch (LabCommandException e)
        {
            await lab.DisposeAsync();
            Assert.Fail($"lab up --topology {topology} failed: {e.Message}\n{lab._log}");
        }

        TestContext.Current.SendDiagnosticMessage($"backend: lab {lab.Names.Lab} ({topology}) on {lab.GatewayUrl}");
        return lab;
    }

    public AmazonEC2Client Ec2() => new(TopologySeeder.Credentials, new AmazonEC2Config { ServiceURL = GatewayUrl.ToString(), AuthenticationRegion = "us-east-1" });

    public string InstanceNamespace(string instanceName) => Names.Instance(Seeded.Id(SeedKinds.Instance, instanceName));

    public Task<(int ExitCode, string Output)> OnInstanceAsync(string instanceName, string script) => InNamespace.ShAsync(InstanceNamespace(instanceName), script);

    /// <summary>`lab down`, then nothing of this lab may be left: namespaces, links, nft tables, processes, /etc/netns, state.</summary>
    public async Task DownAsync()
    {
        var sweeper = new LabSweeper(Names, _log, TimeProvider.System);
        var namespaces = await sweeper.NamespacesAsync(Ct);
        var pids = new List<int> { Record.DaemonPid!.Value, Record.MotoPid!.Value };
        foreach (var ns in namespaces)
        {
            pids.AddRange((await HostAsync("ip", "netns", "pids", ns)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)));
        }

        Assert.NotEmpty(namespaces);
        Assert.DoesNotContain(Names.Prefix, await HostAsync("ip", "-o", "link"), StringComparison.Ordinal);

        await sweeper.SweepAsync(Ct);
        _down = true;

        Assert.Empty(await sweeper.NamespacesAsync(Ct));
        Assert.DoesNotContain(Names.Prefix, await HostAsync("ip", "netns", "list"), StringComparison.Ordinal);
        Assert.DoesNotContain(Names.Prefix, await HostAsync("ip", "-o", "link"), StringComparison.Ordinal);
        Assert.DoesNotContain(Names.Prefix, await HostAsync("nft", "list", "tables"), StringComparison.Ordinal);
        Assert.Empty(NamespaceFiles.WithPrefix(Names.Prefix));
        Assert.False(Directory.Exists(Names.StateDirectory), $"{Names.StateDirectory} is left");
        Assert.All(pids, pid => Assert.False(
            Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), $"pid {pid} still runs"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_down)
        {
            await new LabSweeper(Names, _log, TimeProvider.System).SweepAsync(CancellationToken.None);
        }
    }

    private static async Task<string> HostAsync(params string[] command) =>
        (await Commands.RunAsync(command, null, TimeSpan.FromSeconds(10), Ct)).StandardOutput;
}

/// <summary>Root tests that bring up a topology of their own run one at a time (each is a whole lab).</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class TopologyLabCollection;
