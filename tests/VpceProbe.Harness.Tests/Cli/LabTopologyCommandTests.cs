using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Harness.Tests.Cli;

public class LabTopologyCommandTests(MotoFixture moto)
{
    [Fact]
    public async Task discover_json_then_lab_topology_writes_a_valid_twin_and_lists_what_it_left_out()
    {
        var seed = await VpcSeed.CreateAsync(moto.Clients.Ec2(), "10.40.0.0/16");
        await seed.TagAsync(seed.VpcId, ("Name", "cli twin"));
        var subnet = await seed.SubnetAsync("10.40.1.0/24", 'a');
        var table = await seed.RouteTableAsync(subnet);
        var peering = await seed.PeeringAsync("10.41.0.0/16");
        await seed.RouteAsync(table, "10.41.0.0/16", peeringId: peering);
        var instance = await seed.InstanceAsync(subnet);
        using var directory = new TempDirectory();
        var snapshotFile = Path.Combine(directory.Path, "my-vpc.json");
        var topologyFile = Path.Combine(directory.Path, "my-vpc.topology.json");
        var discover = await CliRun.InvokeAsync(["discover", "--vpc", seed.VpcId, "--json", .. moto.CliArgs]);
        await File.WriteAllTextAsync(snapshotFile, discover.Output, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["lab", "topology", "--from-snapshot", snapshotFile, "--output", topologyFile, "--bucket", "cli-twin-data"]);

        Assert.Equal((ExitCodes.Success, ""), (run.ExitCode, run.Output));
        var twin = TopologyReader.Read(topologyFile);
        Assert.True(twin.IsValid, string.Join("\n", twin.Errors));
        Assert.Equal(("cli-twin", seed.VpcId, instance), (twin.Topology!.Name, twin.Topology.Vpc.SourceId, Assert.Single(twin.Topology.Instances).SourceId));
        Assert.Equal("cli-twin-data", Assert.Single(twin.Topology.Buckets).Name);
        Assert.Contains($"left out of the twin (1; the lab cannot express them):\n  - {table}: route 10.41.0.0/16 → vpcPeering {peering}", run.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-instances", "0", "--max-instances 0: 1 to 200")]
    [InlineData("--name", "x", "does not exist")]
    public async Task bad_options_and_missing_snapshots_exit_2_saying_why_and_write_nothing(string option, string value, string message)
    {
        using var directory = new TempDirectory();
        var output = Path.Combine(directory.Path, "out.json");

        var run = await CliRun.InvokeAsync(["lab", "topology", "--from-snapshot", Path.Combine(directory.Path, "missing.json"), option, value, "--output", output]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("vpceprobe-twin-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
