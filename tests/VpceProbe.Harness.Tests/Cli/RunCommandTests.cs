using System.Text.RegularExpressions;
using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

public class RunCommandTests(MotoFixture moto)
{
    private IEnumerable<string> Common(string outputDir) =>
        ["--transport", "local", "--agent", AgentBinary.Path, "--output-dir", outputDir, .. moto.CliArgs];

    [Fact]
    public async Task a_scenario_error_exits_2_with_file_and_line_and_changes_nothing()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var before = await vpc.BaselineAsync(moto);
        var file = CrashScenario.Write(vpc.VpcId);
        File.WriteAllText(file, File.ReadAllText(file).Replace("service: s3", "service: sqs", StringComparison.Ordinal));
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-cli-").FullName;

        var run = await CliRun.InvokeAsync(["run", file, "--yes", .. Common(outputDir)]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Matches($@"{Regex.Escape(file)}:16:18: create-gateway-endpoint: service must be one of s3, dynamodb", run.Error);
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
        // No journal (nothing was changed), and the refused run's reports stay in its own directory: no top-level report.
        Assert.Empty(Directory.Exists(Path.Combine(outputDir, "runs")) ? Directory.GetFiles(Path.Combine(outputDir, "runs"), "journal.jsonl", SearchOption.AllDirectories) : []);
        Assert.False(File.Exists(Path.Combine(outputDir, "report.json")));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    [Fact]
    public async Task walkthrough_dry_run_prints_each_change_and_changes_nothing()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var before = await vpc.BaselineAsync(moto);

        var outputDir = Directory.CreateTempSubdirectory().FullName;
        var run = await CliRun.InvokeAsync(["run", "walkthrough", "--vpc", vpc.VpcId, "--dry-run", .. Common(outputDir)]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Output + run.Error);
        Assert.Contains($"delete route 0.0.0.0/0 → {vpc.NatGatewayId} from {vpc.PrivateTable}", run.Output, StringComparison.Ordinal);
        Assert.Contains("create gateway endpoint com.amazonaws.us-east-1.s3", run.Output, StringComparison.Ordinal);
        Assert.Contains("create interface endpoint com.amazonaws.us-east-1.secretsmanager", run.Output, StringComparison.Ordinal);
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
        // The predicted matrix of every phase, printed and in the dry run's report.json, each cell with its path.
        Assert.Contains("predicted matrix", run.Output + run.Error, StringComparison.Ordinal);
        var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outputDir, "runs", "dry-run", "report.json"), TestContext.Current.CancellationToken));
        var predicted = report.RootElement.GetProperty("predicted").EnumerateArray().ToList();
        Assert.True(predicted.Select(c => c.GetProperty("phase").GetString()).Distinct().Count() > 1, report.RootElement.ToString());
        Assert.All(predicted, c => Assert.NotEmpty(c.GetProperty("prediction").GetProperty("path").EnumerateArray()));
    }

    [Fact]
    public async Task without_yes_and_without_a_terminal_the_run_refuses_and_changes_nothing()
    {
        var vpc = await WalkthroughVpc.CreateAsync(moto);
        var before = await vpc.BaselineAsync(moto);
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-cli-").FullName;
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "vpceprobe.dll"), "run", CrashScenario.Write(vpc.VpcId), .. Common(outputDir)])
        {
            psi.ArgumentList.Add(arg);
        }

        using var harness = System.Diagnostics.Process.Start(psi)!;
        harness.StandardInput.Close();
        var output = await harness.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await harness.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Usage, harness.ExitCode);
        Assert.Contains("refusing to change the VPC without --yes", output, StringComparison.Ordinal);
        // No journal (nothing was changed), and the refused run's reports stay in its own directory: no top-level report.
        Assert.Empty(Directory.Exists(Path.Combine(outputDir, "runs")) ? Directory.GetFiles(Path.Combine(outputDir, "runs"), "journal.jsonl", SearchOption.AllDirectories) : []);
        Assert.False(File.Exists(Path.Combine(outputDir, "report.json")));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    [Fact]
    public async Task the_walkthrough_finds_its_vpc_by_name_and_says_so_when_there_is_none()
    {
        var run = await CliRun.InvokeAsync(["run", "walkthrough", "--vpc-name", $"absent-{Guid.NewGuid():N}", "--dry-run", .. Common(Directory.CreateTempSubdirectory().FullName)]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no VPC is named 'absent-", run.Error, StringComparison.Ordinal);
    }
}
