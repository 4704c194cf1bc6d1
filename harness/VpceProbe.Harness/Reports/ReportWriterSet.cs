namespace VpceProbe.Harness.Reports;

/// <summary>The formats one command offers, and those it writes when --format is not given.</summary>
internal sealed class ReportWriterSet<TReport>(IReadOnlyList<IReportWriter<TReport>> all, IReadOnlyList<ReportFormat> defaults)
{
    public IReadOnlyList<IReportWriter<TReport>> All { get; } = all;

    public IReadOnlyList<ReportFormat> Defaults { get; } = defaults;

    public IReportWriter<TReport>? Find(ReportFormat format) => All.FirstOrDefault(w => w.Format == format);

    /// <summary>The writers named, in the order given; an unknown or unoffered name is a usage error that lists the choices.</summary>
    /// <exception cref="Cli.UsageException">A name that is not one of this command's formats.</exception>
    public IReadOnlyList<IReportWriter<TReport>> Choose(IEnumerable<string> names)
    {
        var chosen = new List<IReportWriter<TReport>>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var writer = ReportFormats.TryParse(name, out var format) ? Find(format) : null;
            if (writer is null)
            {
                throw new Cli.UsageException($"--format '{name}' is not offered here; choose from {Names()}");
            }

            if (!chosen.Contains(writer))
            {
                chosen.Add(writer);
            }
        }

        return chosen.Count > 0 ? chosen : [.. Defaults.Select(f => Find(f)!)];
    }

    public string Names() => string.Join(", ", All.Select(w => ReportFormats.Name(w.Format)));

    /// <summary>What `--help` says about --format: every format, its file name and what it is for, and the default.</summary>
    public string HelpText() =>
        string.Join("; ", All.Select(w => $"{ReportFormats.Name(w.Format)} ({w.FileName}): {w.Description}"))
        + $". Default: {string.Join(",", Defaults.Select(ReportFormats.Name))}. Several: --format {string.Join(",", Example().Select(w => ReportFormats.Name(w.Format)))}";

    // The example names formats this command has (cost has no html): two files if it writes two, else the table and its file.
    private IEnumerable<IReportWriter<TReport>> Example()
    {
        var files = All.Where(w => w.Format != ReportFormat.Table).Take(2).ToList();
        return files.Count == 2 ? files : All.Take(2);
    }
}
