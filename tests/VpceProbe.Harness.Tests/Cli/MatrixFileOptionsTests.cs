using System.Text.Json;
using System.Xml.Linq;
using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// --save and --compare end to end on `probe` and `run`: the real agent through the local transport, on loopback
/// only (a port nobody listens on, or one the test listens on), and EC2 asked for the instances' subnets in moto.
/// </summary>
public class MatrixFileOptionsTests(MotoFixture moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-compare-").FullName;

    [Fact]
    public async Task a_cell_met_before_and_not_now_is_a_regression_exit_1_and_every_report_carries_it()
    {
        var saved = Path.Combine(_dir, "before.json");
        var before = await ProbeAsync("unreachable", "--save", saved);
        var after = await ProbeAsync("reachable", "--compare", saved);

        Assert.True(before.ExitCode == ExitCodes.Success, before.Output + before.Error);
        Assert.StartsWith("{\n  \"schemaVersion\": 1,", await File.ReadAllTextAsync(saved, Ct), StringComparison.Ordinal);
        Assert.True(after.ExitCode == ExitCodes.ExpectationFailed, after.Output + after.Error);
        Assert.Contains("1 regression", after.Output, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "out", "report.json"), Ct));
        var cell = json.RootElement.GetProperty("comparison").GetProperty("cells").EnumerateArray().Single();
        Assert.Equal(("regression", "closed"), (cell.GetProperty("category").GetString(), cell.GetProperty("probeId").GetString()));
        Assert.Contains($"| ❌ regression | probe | closed@{_instance} |", await File.ReadAllTextAsync(Path.Combine(_dir, "out", "report.md"), Ct), StringComparison.Ordinal);
        var suite = XDocument.Load(Path.Combine(_dir, "out", "report.xml")).Root!.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "comparison");
        Assert.Equal("regression", (string?)suite.Element("testcase")!.Element("failure")!.Attribute("type"));
    }

    [Fact]
    public async Task with_compare_the_same_failure_as_before_is_no_regression_and_exits_0_whatever_the_absolute_result()
    {
        var saved = Path.Combine(_dir, "before.json");
        await ProbeAsync("reachable", "--save", saved);

        var again = await ProbeAsync("reachable", "--compare", saved);

        Assert.True(again.ExitCode == ExitCodes.Success, again.Output + again.Error);
        Assert.Contains("0 regression", again.Output, StringComparison.Ordinal);
        Assert.Contains("1 unchanged", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_compare_file_that_is_not_a_saved_matrix_is_refused_before_the_agent_runs()
    {
        var bogus = Path.Combine(_dir, "bogus.json");
        await File.WriteAllTextAsync(bogus, """{"schemaVersion":7}""", Ct);

        var run = await ProbeAsync("reachable", "--compare", bogus);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("schemaVersion 7", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public async Task run_compares_every_phase_cell_by_cell_with_a_saved_run_and_exits_1_on_the_regressions_only()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var scenario = CompareScenario(vpc.VpcId, ((System.Net.IPEndPoint)listener.LocalEndpoint).Port);
        var saved = Path.Combine(_dir, "run-before.json");
        var before = await CliRun.InvokeAsync(["run", scenario, "--yes", "--save", saved, .. RunArgs()]);
        Assert.True(before.ExitCode == ExitCodes.Success, before.Output + before.Error);

        // The service behind the port goes away between the runs: its cell regresses in each of the three phases (the
        // failed baseline would stop the run before its change, leaving the later phases "gone": go on, to compare them all).
        listener.Stop();
        var after = await CliRun.InvokeAsync(["run", scenario, "--yes", "--proceed-on-failed-baseline", "--compare", saved, .. RunArgs()]);

        Assert.True(after.ExitCode == ExitCodes.ExpectationFailed, after.Output + after.Error);
        Assert.True(after.Output.Contains("3 regression", StringComparison.Ordinal), after.Output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "run-out", "report.json"), Ct));
        var cells = json.RootElement.GetProperty("comparison").GetProperty("cells").EnumerateArray()
            .Select(c => (Phase: c.GetProperty("phase").GetString(), Probe: c.GetProperty("probeId").GetString(), Category: c.GetProperty("category").GetString()))
            .ToList();
        Assert.Equal(
            [("baseline", "service", "regression"), ("changed", "service", "regression"), ("cleanup", "service", "regression")],
            cells.Where(c => c.Category != "unchanged").OrderBy(c => c.Phase, StringComparer.Ordinal));
        Assert.Equal(["baseline", "changed", "cleanup"], cells.Where(c => c.Probe == "closed-port" && c.Category == "unchanged").Select(c => c.Phase!).Order(StringComparer.Ordinal));
        Assert.Equal(6, cells.Count);
        Assert.Contains("| ❌ regression | changed | service@", await File.ReadAllTextAsync(Path.Combine(_dir, "run-out", "report.md"), Ct), StringComparison.Ordinal);
    }

    private IEnumerable<string> RunArgs() =>
        ["--transport", "local", "--agent", AgentBinary.Path, "--output-dir", Path.Combine(_dir, "run-out"), .. moto.CliArgs];

    /// <summary>Three phases (the middle one changes the VPC), each probing a port the test listens on and one nobody does.</summary>
    private string CompareScenario(string vpcId, int port)
    {
        var path = Path.Combine(_dir, "compare.yaml");
        File.WriteAllText(path, $"""
            name: compare
            vpc: {vpcId}
            probes:
              - id: service
                kind: tcp
                host: 127.0.0.1
                port: {port}
                expect: reachable
              - id: closed-port
                kind: tcp
                host: 127.0.0.1
                port: 1
                expect: unreachable
            phases:
              - name: baseline
              - name: changed
                actions:
                  - type: remove-nat-routes
                  - type: create-gateway-endpoint
                    service: s3
              - name: cleanup
                actions:
                  - type: cleanup
            """);
        return path;
    }

    private string? _instance;

    private async Task<CliRun> ProbeAsync(string expect, params string[] extra)
    {
        _instance ??= await VpcSeed.LoneInstanceAsync(moto);
        var plan = Path.Combine(_dir, $"plan-{expect}.json");
        await File.WriteAllTextAsync(plan, $$"""{"schemaVersion":1,"probes":[{"id":"closed","kind":"tcp","host":"127.0.0.1","port":1,"timeout":"500ms","expect":"{{expect}}"}]}""", Ct);
        return await CliRun.InvokeAsync(
            ["probe", "--instance", _instance, "--plan", plan, "--transport", "local", "--agent", AgentBinary.Path, "--output-dir", Path.Combine(_dir, "out"), .. extra, .. moto.CliArgs]);
    }
}
