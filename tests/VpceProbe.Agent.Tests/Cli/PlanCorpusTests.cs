using System.Text;
using System.Text.RegularExpressions;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Cli;

/// <summary>
/// Malformed plans fed to the published agent: exit 2, no report, a message that names the file and the line
/// and column (the text) or the JSON path (a field) in words (never a .NET resource key), and no stack trace.
/// The files are in Corpus/ with what each must say in Corpus/expected.tsv; the large and binary ones are made here.
/// </summary>
public partial class PlanCorpusTests
{
    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string, string, string> Files() => new(Corpus.Manifest(CorpusDirectory));

    public static TheoryData<string> Generated() => [.. GeneratedCases.Keys];

    /// <summary>Made at test time: name → (bytes, where the error must point, what it must say).</summary>
    private static readonly Dictionary<string, Func<(byte[] Bytes, string Place, string Says)>> GeneratedCases = new()
    {
        ["five-megabytes"] = () => (Encoding.UTF8.GetBytes("{\"probes\": [" + new string(' ', 5 * 1024 * 1024) + "]}"), "", "larger than the limit of 1048576 bytes"),
        ["random-binary"] = () => (Corpus.RandomBytes(64 * 1024, seed: 7), "1:1", "byte 0xFF is not UTF-8"),
        ["the-agent-binary"] = () => (File.ReadAllBytes(AgentBinary.Path).AsSpan(0, 64 * 1024).ToArray(), "1:1", "control character U+007F"),
        ["all-nul-bytes"] = () => (new byte[4096], "1:1", "control character U+0000"),
        ["ten-thousand-brackets"] = () => (Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)), "1:", "nested deeper than 32 levels"),
        ["five-hundred-and-one-probes"] = () => (Encoding.UTF8.GetBytes(ManyProbes(501)), "probes", "501 probes; the limit is 500"),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task a_malformed_plan_file_exits_2_naming_its_place(string name, string place, string says) =>
        AssertRefused(await AgentProcess.RunAsync(["--plan", Path.Combine(CorpusDirectory, name)]), name, place, says);

    [Theory]
    [MemberData(nameof(Generated))]
    public async Task a_generated_hostile_plan_exits_2_naming_its_place(string name)
    {
        var (bytes, place, says) = GeneratedCases[name]();
        var file = Path.Combine(Directory.CreateTempSubdirectory("vpceprobe-plan-corpus-").FullName, $"{name}.json");
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);
        AssertRefused(await AgentProcess.RunAsync(["--plan", file]), $"{name}.json", place, says);
    }

    /// <summary>Standard input goes through a decoder that refuses what is not UTF-8, rather than reading U+FFFD.</summary>
    [Theory]
    [InlineData("latin1-byte.json", "stdin: standard input is not UTF-8")]
    [InlineData("unclosed-string.json", "stdin:5:58: unexpected character")]
    public async Task a_malformed_plan_on_standard_input_exits_2_naming_stdin(string name, string says)
    {
        // sh -c 'exec "$0" "$@" < FILE' AGENT --plan -: the agent itself reads the file as its standard input.
        var run = await AgentProcess.RunAsync(["--plan", "-"], ["sh", "-c", $"exec \"$0\" \"$@\" < '{Path.Combine(CorpusDirectory, name)}'"]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(says, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void the_corpus_holds_at_least_thirty_malformed_plans() =>
        Assert.True(Files().Count + GeneratedCases.Count >= 30, $"{Files().Count} files + {GeneratedCases.Count} generated");

    [Fact]
    public void every_corpus_file_is_listed_with_what_it_must_say()
    {
        var (files, listed) = Corpus.Listing(CorpusDirectory, "*.json");
        Assert.Equal(files, listed);
    }

    private static void AssertRefused(AgentProcess.Result run, string name, string place, string says)
    {
        Assert.True(run.ExitCode == ExitCodes.Usage, $"exit {run.ExitCode}\n{run.Stderr}");
        Assert.Equal("", run.Stdout);
        var first = run.Stderr.Split('\n')[0];
        var at = place.Contains(':', StringComparison.Ordinal) || place.Length == 0 ? $"{name}:{place}" : $"{name}: {place}";
        Assert.True(first.Contains($"/{at}", StringComparison.Ordinal) && first.Contains(says, StringComparison.Ordinal),
            $"expected '{at}' and '{says}' in:\n{run.Stderr}");
        // Without the plan's directory: a temporary one's random name ("…-PmCbVy") once read as a resource key.
        Assert.DoesNotMatch(StackTraceOrResourceKey(), Directories().Replace(run.Stderr, "/"));
        Assert.Equal(run.Stderr.Split('\n').Where(l => l.Length > 0).Distinct().Count(), run.Stderr.Split('\n').Count(l => l.Length > 0));
    }

    private static string ManyProbes(int count) =>
        "{\"schemaVersion\": 1, \"probes\": [" + string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"id\": \"p{i}\", \"kind\": \"sts\", \"expect\": \"allowed\"}}")) + "]}";

    // A stack frame, an unhandled exception, or a System.Text.Json resource key ("EndOfStringNotFound") instead of words.
    [GeneratedRegex(@"^\s+at \S|Unhandled exception|Exception|\b[A-Z][a-z]+(?:[A-Z][a-z]+){2,}\b", RegexOptions.Multiline)]
    private static partial Regex StackTraceOrResourceKey();

    // Every directory part of a path, up to its last slash.
    [GeneratedRegex(@"/[^\s:]*/")]
    private static partial Regex Directories();
}
