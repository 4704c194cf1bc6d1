using System.CommandLine;
using VpceProbe.Harness.Reports;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `--format` and `--output`, the same on every command that reports; the choices and the help come from the
/// command's <see cref="ReportWriterSet{T}"/>. `--json` stays where it existed, as `--format json`.
/// </summary>
internal sealed class FormatOptions<TReport>
{
    private readonly ReportWriterSet<TReport> _writers;
    private readonly string? _defaultDirectory;

    /// <param name="defaultDirectory">Where files go without --output (run, probe); null: print the one format chosen.</param>
    /// <param name="outputAliases">Older names of --output this command still accepts (--output-dir).</param>
    public FormatOptions(ReportWriterSet<TReport> writers, string? defaultDirectory, bool jsonAlias, params string[] outputAliases)
    {
        _writers = writers;
        _defaultDirectory = defaultDirectory;
        Format = new("--format")
        {
            Description = $"One or more of: {writers.HelpText()}.",
            AllowMultipleArgumentsPerToken = true,
        };
        Output = new("--output", outputAliases)
        {
            Description = defaultDirectory is null
                ? "A directory for every format chosen (files named as above), or one FILE for one format. Default: print to stdout."
                : $"A directory for every format chosen (files named as above; the table is printed), or one FILE for one format. Default: {defaultDirectory}.",
        };
        Json = jsonAlias ? new("--json") { Description = "Same as --format json." } : null;
    }

    public Option<string[]> Format { get; }

    public Option<string?> Output { get; }

    public Option<bool>? Json { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Output);
        if (Json is not null)
        {
            command.Options.Add(Json);
        }
    }

    /// <exception cref="UsageException">An unknown format, or formats with nowhere to go.</exception>
    public ReportDestinations<TReport> Resolve(ParseResult parse)
    {
        var names = (parse.GetValue(Format) ?? []).ToList();
        if (Json is not null && parse.GetValue(Json))
        {
            names.Add(ReportFormats.Name(ReportFormat.Json));
        }

        return ReportDestinations<TReport>.Resolve(_writers.Choose(names), parse.GetValue(Output), _defaultDirectory);
    }
}
