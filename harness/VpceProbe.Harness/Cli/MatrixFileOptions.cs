using System.CommandLine;
using System.Text;
using VpceProbe.Contract;
using VpceProbe.Harness.Compare;
using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// --save FILE and --compare FILE, shared by `accept`, `probe` and `run`. The saved file is the JSON report
/// (schemaVersion first). With --compare the exit code is the comparison's: 1 on any regression whatever the
/// absolute result, else 0; an infrastructure error (3) or an incomplete rollback (4) keeps its own code.
/// </summary>
internal sealed class MatrixFileOptions
{
    public Option<FileInfo?> Save { get; } = new("--save") { Description = "Also write the matrix to FILE (the JSON report), to --compare a later run with." };

    public Option<FileInfo?> CompareWith { get; } = new("--compare")
    {
        Description = "Compare the matrix cell by cell with one saved by --save: unchanged, regression, fixed, changed, new, gone. Exit 1 on any regression.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Save);
        command.Options.Add(CompareWith);
    }

    public bool Wanted(ParseResult parse) => parse.GetValue(Save) is not null || parse.GetValue(CompareWith) is not null;

    /// <summary>Reads --compare's file before anything runs, so a missing or foreign file fails first (exit 2).</summary>
    public async Task<SavedMatrix?> LoadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(CompareWith) is not { } file)
        {
            return null;
        }

        return File.Exists(file.FullName)
            ? SavedMatrix.Read(file.FullName, await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false))
            : throw new UsageException($"--compare: '{file.FullName}' not found: save a matrix first with --save FILE");
    }

    /// <summary>The result with its comparison and the comparison's exit code; writes --save's file.</summary>
    public RunResult Finish(ParseResult parse, RunResult result, SavedMatrix? saved)
    {
        if (saved is not null)
        {
            var comparison = MatrixComparer.Compare(saved, result, parse.GetValue(CompareWith)!.FullName);
            var code = result.ExitCode >= ExitCodes.Infrastructure ? result.ExitCode
                : comparison.HasRegression ? ExitCodes.ExpectationFailed : ExitCodes.Success;
            result = result with { Comparison = comparison, ExitCode = code };
        }

        if (parse.GetValue(Save) is { } file)
        {
            file.Directory?.Create();
            using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            new JsonReportWriter().Write(result, writer);
            parse.InvocationConfiguration.Output.WriteLine($"saved the matrix to {file.FullName}");
        }

        return result;
    }
}
