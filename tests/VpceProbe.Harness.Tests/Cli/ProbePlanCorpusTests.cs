using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// The agent's corpus of malformed plans (tests/VpceProbe.Agent.Tests/Corpus) fed to `vpceprobe probe --transport local`
/// against moto: exit 2, the file and the place its first error is at (the same line and column or JSON path as the
/// agent gives), no stack trace, no report, and the VPC exactly as it was.
/// </summary>
public class ProbePlanCorpusTests(MotoFixture moto)
{
    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "PlanCorpus");

    public static TheoryData<string, string> Files() => new(Corpus.Manifest(CorpusDirectory).Select(c => (c.Name, c.Place)));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task a_malformed_plan_given_to_probe_exits_2_naming_its_place_and_changes_nothing(string name, string place)
    {
        var vpc = await CorpusVpc.GetAsync(moto);
        var before = await vpc.BaselineAsync(moto);
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-plan-corpus-out-").FullName;

        var run = await CliRun.InvokeAsync(["probe", "--instance", vpc.InstanceId, "--plan", Path.Combine(CorpusDirectory, name), "--transport", "local",
            "--agent", AgentBinary.Path, "--output-dir", outputDir, .. moto.CliArgs]);

        Assert.True(run.ExitCode == ExitCodes.Usage, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        var first = run.Error.Split('\n')[0];
        var at = place.Contains(':', StringComparison.Ordinal) || place.Length == 0 ? $"{name}:{place}" : $"{name}: {place}";
        Assert.True(first.StartsWith($"error: {at}", StringComparison.Ordinal), $"expected 'error: {at}' first in:\n{run.Error}");
        Assert.DoesNotMatch(CorpusVpc.StackTrace(), run.Error + run.Output);
        Assert.Empty(Directory.GetFileSystemEntries(outputDir));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }
}
