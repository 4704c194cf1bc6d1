using System.Text;
using VpceProbe.Contract;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Scenario;

/// <summary>
/// Malformed scenarios, each fed to `vpceprobe run --yes --transport local` against moto: exit 2, a message
/// that names the file, line and column and says what is wrong, no stack trace, and the VPC exactly as it was.
/// The files are in Corpus/ with what each must say in Corpus/expected.tsv; the large and binary ones are made
/// here, at test time, rather than committed.
/// </summary>
public class ScenarioCorpusTests(MotoFixture moto)
{
    public static TheoryData<string, string, string> Files() => new(Corpus.Manifest(CorpusDirectory));

    public static TheoryData<string> Generated() => [.. GeneratedCases.Keys];

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Scenario", "Corpus");

    /// <summary>Made at test time: name → (bytes, where the error must point, what it must say).</summary>
    private static readonly Dictionary<string, Func<(byte[] Bytes, string Place, string Says)>> GeneratedCases = new()
    {
        ["five-megabytes"] = () => (Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("# padding padding padding padding\n", 160_000))), "", "larger than the limit of 1048576 bytes"),
        ["one-byte-over-the-limit"] = () => (Encoding.UTF8.GetBytes(new string('#', InputLimits.MaxBytes) + "\n"), "", "larger than the limit of 1048576 bytes"),
        ["random-binary"] = () => (Corpus.RandomBytes(64 * 1024, seed: 11), "1:1", "byte 0xFF is not UTF-8"),
        ["the-agent-binary"] = () => (File.ReadAllBytes(AgentBinary.Path).AsSpan(0, 64 * 1024).ToArray(), "1:1", "control character U+007F"),
        ["all-nul-bytes"] = () => (new byte[4096], "1:1", "control character U+0000"),
        ["ten-thousand-brackets"] = () => (Encoding.UTF8.GetBytes("name: " + new string('[', 10_000) + new string(']', 10_000) + "\n"), "1:", "nested deeper than 32 levels"),
        ["five-hundred-and-one-probes"] = () => (Encoding.UTF8.GetBytes(ManyProbes(501)), "3:", "501 probes; the limit is 500"),
        ["a-thousand-aliases"] = () => (Encoding.UTF8.GetBytes("a: &a x\nb: [" + string.Join(", ", Enumerable.Repeat("*a", 1000)) + "]\n"), "1:4", "anchor &a is not allowed"),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task a_malformed_scenario_file_exits_2_naming_its_place_and_changes_nothing(string name, string place, string says)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vpceprobe-corpus-").FullName, name);
        File.Copy(Path.Combine(CorpusDirectory, name), file);
        await AssertRefusedAsync(file, place, says);
    }

    [Theory]
    [MemberData(nameof(Generated))]
    public async Task a_generated_hostile_scenario_exits_2_naming_its_place_and_changes_nothing(string name)
    {
        var (bytes, place, says) = GeneratedCases[name]();
        var file = Path.Combine(Directory.CreateTempSubdirectory("vpceprobe-corpus-").FullName, $"{name}.yaml");
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);
        await AssertRefusedAsync(file, place, says);
    }

    [Fact]
    public void the_corpus_holds_at_least_sixty_malformed_scenarios() =>
        Assert.True(Files().Count + GeneratedCases.Count >= 60, $"{Files().Count} files + {GeneratedCases.Count} generated");

    [Fact]
    public void every_corpus_file_is_listed_with_what_it_must_say()
    {
        var (files, listed) = Corpus.Listing(CorpusDirectory, "*.yaml");
        Assert.Equal(files, listed);
    }

    private async Task AssertRefusedAsync(string file, string place, string says)
    {
        var vpc = await CorpusVpc.GetAsync(moto);
        var before = await vpc.BaselineAsync(moto);
        var outputDir = Directory.CreateTempSubdirectory("vpceprobe-corpus-out-").FullName;

        var run = await CliRun.InvokeAsync(
            ["run", file, "--vpc", vpc.VpcId, "--yes", "--transport", "local", "--agent", AgentBinary.Path, "--output-dir", outputDir, .. moto.CliArgs]);

        Assert.True(run.ExitCode == ExitCodes.Usage, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        var first = run.Error.Split('\n').FirstOrDefault(l => l.StartsWith("scenario error: ", StringComparison.Ordinal)) ?? "";
        Assert.True(first.StartsWith($"scenario error: {file}:{place}", StringComparison.Ordinal) && first.Contains(says, StringComparison.Ordinal),
            $"expected '{file}:{place}' and '{says}' in:\n{run.Error}");
        Assert.DoesNotMatch(CorpusVpc.StackTrace(), run.Error + run.Output);
        Assert.Equal(run.Error.Split('\n').Where(l => l.Length > 0).Distinct().Count(), run.Error.Split('\n').Count(l => l.Length > 0));
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(outputDir, "runs")));
        WalkthroughVpc.AssertSame(before, await vpc.BaselineAsync(moto));
    }

    private static string ManyProbes(int count) =>
        "name: many\nprobes:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"  - {{id: p{i}, kind: sts}}\n"))
        + "phases:\n  - name: only\n";
}
