using System.Text.Json;
using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cli;

public class AuditCommandTests(MotoFixture moto)
{
    [Fact]
    public async Task a_low_finding_fails_with_fail_on_low_and_passes_with_the_default_high()
    {
        var vpc = await BestPracticeVpc.CreateAsync(moto.Clients.Ec2(), new() { FlowLog = false });
        string[] args = ["audit", "--vpc", vpc.Seed.VpcId, .. moto.CliArgs];

        var strict = await CliRun.InvokeAsync([.. args, "--fail-on", "low"]);
        var lenient = await CliRun.InvokeAsync(args);

        Assert.Equal(ExitCodes.ExpectationFailed, strict.ExitCode);
        Assert.Equal(ExitCodes.Success, lenient.ExitCode);
        Assert.Contains("VPCE014", lenient.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task json_to_a_file_lists_the_findings_and_every_rule()
    {
        var vpc = await BestPracticeVpc.CreateAsync(moto.Clients.Ec2(), new() { SsmEndpoints = false });
        var file = Path.Combine(Path.GetTempPath(), $"vpceprobe-audit-{Guid.NewGuid():N}.json");

        var run = await CliRun.InvokeAsync(["audit", "--vpc", vpc.Seed.VpcId, "--format", "json", "--output", file, .. moto.CliArgs]);

        Assert.Equal(ExitCodes.ExpectationFailed, run.ExitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        File.Delete(file);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.Equal("VPCE003", f.GetProperty("ruleId").GetString()));
        Assert.Equal(2, json.RootElement.GetProperty("counts").GetProperty("high").GetInt32());
        Assert.Equal(14, json.RootElement.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task an_unknown_severity_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync(["audit", "--vpc", "vpc-1", "--fail-on", "severe", .. moto.CliArgs]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }

    [Fact]
    public async Task an_endpoint_that_refuses_connections_is_an_aws_error()
    {
        // A loopback port nobody listens on: the SDK's connection fails, which is infrastructure (3), not usage.
        var port = VpceProbe.Testing.FreePort.Next();
        var run = await CliRun.InvokeAsync(["audit", "--vpc", "vpc-1", "--region", "us-east-1", "--endpoint-url", $"http://127.0.0.1:{port}"]);

        Assert.Equal(ExitCodes.Infrastructure, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
    }
}
