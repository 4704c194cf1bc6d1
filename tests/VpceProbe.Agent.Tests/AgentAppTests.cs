using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests;

public class AgentAppTests
{
    private const string GoodProbe = """{"id":"a","kind":"tcp","host":"127.0.0.1","port":1,"expect":"unreachable"}""";

    private static string Plan(string probes, string extra = "") => $$"""{"schemaVersion":1{{extra}},"probes":[{{probes}}]}""";

    private static Task<InProcessAgent.Result> Run(string[] args, string stdin = "") =>
        InProcessAgent.RunAsync(TimeProvider.System, args, stdin, TestContext.Current.CancellationToken);

    public static TheoryData<string, string[], string> BadInputs() => new()
    {
        { "bad JSON", ["--plan", "-"], "stdin:1:2" },
        { "unknown field", ["--plan-base64", InProcessAgent.Base64(Plan("""{"id":"a","kind":"tcp","host":"h","port":1,"prot":2,"expect":"reachable"}"""))], "probes[0].prot" },
        { "missing field", ["--plan-base64", InProcessAgent.Base64(Plan("""{"id":"a","kind":"tcp","host":"h","expect":"reachable"}"""))], "probes[0].port" },
        { "bad base64", ["--plan-base64", "not base64!"], "--plan-base64" },
        { "unknown kind", ["--plan-base64", InProcessAgent.Base64(Plan("""{"id":"a","kind":"ftp","host":"h","expect":"reachable"}"""))], "probes[0].kind" },
        { "bad expect", ["--plan-base64", InProcessAgent.Base64(Plan("""{"id":"a","kind":"dns","name":"x","expect":"allowed"}"""))], "probes[0].expect" },
        { "bad duration", ["--plan-base64", InProcessAgent.Base64(Plan("""{"id":"a","kind":"tcp","host":"h","port":1,"expect":"reachable","timeout":"soon"}"""))], "probes[0].timeout" },
        { "bad deadline", ["--plan-base64", InProcessAgent.Base64(Plan(GoodProbe, ""","deadline":"-1s" """))], "deadline" },
        { "bad nameserver", ["--plan-base64", InProcessAgent.Base64(Plan("""{"id":"a","kind":"dns","name":"x","nameserver":"dns.local","expect":"private"}"""))], "probes[0].nameserver" },
        { "no --plan", [], "--plan" },
        { "missing plan file", ["--plan", "/nonexistent/plan.json"], "--plan" },
        { "unknown option", ["--plan", "-", "--verbose"], "--verbose" },
        { "unknown format", ["--plan", "-", "--format", "xml"], "--format" },
        { "option without value", ["--plan"], "--plan" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task bad_input_exits_2_naming_the_field_and_prints_no_report(string why, string[] args, string field)
    {
        var run = await Run(args, "{not json");
        Assert.True(run.ExitCode == ExitCodes.Usage, $"{why}: exit {run.ExitCode}\n{run.Stderr}");
        Assert.Contains($" {field}: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task every_plan_error_is_printed_not_only_the_first()
    {
        var plan = Plan("""{"id":"a","kind":"tcp","expect":"reachable"},{"id":"b","kind":"http","url":"ftp://x","expect":"200"}""");
        var run = await Run(["--plan", "-"], plan);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("probes[0].host", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("probes[0].port", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("probes[1].url", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task version_prints_name_and_version()
    {
        var run = await Run(["--version"]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"vpceprobe-agent {AgentApp.Version}", run.Stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", AgentApp.Version);
    }

    [Fact]
    public async Task help_lists_the_formats_of_the_report_writers()
    {
        var run = await Run(["--help"]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("report format: json, table (default json)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task all_expectations_met_exits_0_with_one_json_line_on_stdout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var plan = Plan($$"""{"id":"open","kind":"tcp","host":"127.0.0.1","port":{{port}},"expect":"reachable"},{{GoodProbe}}""");

        var run = await Run(["--plan", "-"], plan);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        var report = ReportJson.TryRead(run.Stdout);
        Assert.NotNull(report);
        Assert.True(report.Pass);
        Assert.Equal(["open", "a"], report.Results.Select(r => r.Id));
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task an_unmet_expectation_exits_1()
    {
        var run = await Run(["--plan-base64", InProcessAgent.Base64(Plan($$"""{"id":"c","kind":"tcp","host":"127.0.0.1","port":{{FreePort.Next()}},"expect":"reachable"}"""))]);
        Assert.Equal(ExitCodes.ExpectationFailed, run.ExitCode);
        var result = Assert.Single(ReportJson.TryRead(run.Stdout)!.Results);
        Assert.Equal(FailureKind.Refused, result.FailureKind);
    }

    [Fact]
    public async Task the_plan_can_come_from_a_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vpceprobe-plan-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Plan(GoodProbe), TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal(ExitCodes.Success, (await Run(["--plan", file])).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task table_format_prints_a_row_per_probe_and_the_verdict()
    {
        var run = await Run(["--plan", "-", "--format", "table"], Plan(GoodProbe));
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("ID", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("refused", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("PASS: 1/1 expectations met", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_plan_deadline_gives_a_partial_report_and_says_so_on_stderr()
    {
        await using var silent = CannedHttpServer.Silent();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var plan = Plan($$"""{{GoodProbe}},{"id":"slow","kind":"http","url":"{{silent.Url}}/","expect":"reachable","timeout":"30s"}""", ""","deadline":"2s" """);

        var run = await ScriptedProbe.DriveAsync(time, InProcessAgent.RunAsync(time, ["--plan", "-"], plan, TestContext.Current.CancellationToken), TimeSpan.FromMilliseconds(100));

        Assert.Equal(ExitCodes.ExpectationFailed, run.ExitCode);
        var report = ReportJson.TryRead(run.Stdout)!;
        Assert.True(report.Interrupted);
        Assert.True(report.Results.Single(r => r.Id == "a").Pass);
        Assert.Equal(Outcome.Cancelled, report.Results.Single(r => r.Id == "slow").Outcome);
        Assert.Contains("deadline (2s) passed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_caller_cancellation_still_prints_the_partial_report()
    {
        await using var silent = CannedHttpServer.Silent();
        using var interrupt = new CancellationTokenSource();
        var plan = Plan($$"""{"id":"slow","kind":"http","url":"{{silent.Url}}/","expect":"reachable","timeout":"30s"}""");
        var running = InProcessAgent.RunAsync(TimeProvider.System, ["--plan", "-"], plan, interrupt.Token);
        await interrupt.CancelAsync();

        var run = await running;

        Assert.Equal(ExitCodes.ExpectationFailed, run.ExitCode);
        Assert.Equal(FailureKind.Cancelled, Assert.Single(ReportJson.TryRead(run.Stdout)!.Results).FailureKind);
        Assert.Contains("interrupted", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_interrupt_before_the_plan_is_read_runs_nothing()
    {
        using var interrupt = new CancellationTokenSource();
        await interrupt.CancelAsync();

        var run = await InProcessAgent.RunAsync(TimeProvider.System, ["--plan", "-"], Plan(GoodProbe), interrupt.Token);

        Assert.Equal(ExitCodes.Infrastructure, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("no probe ran", run.Stderr, StringComparison.Ordinal);
    }
}
