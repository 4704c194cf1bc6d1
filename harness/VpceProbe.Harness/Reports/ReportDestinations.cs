using System.Text;

namespace VpceProbe.Harness.Reports;

/// <summary>
/// Where each chosen format goes, decided before anything runs so a bad --output is refused before the first
/// AWS call. With a directory (--output DIR, or a command's default directory) the table is printed for the
/// person watching and every other format is a file named by its writer; --output FILE takes exactly one
/// format; with neither, the one format chosen is printed.
/// </summary>
internal sealed class ReportDestinations<TReport>
{
    private readonly IReadOnlyList<(IReportWriter<TReport> Writer, string? Path)> _targets;

    private ReportDestinations(IReadOnlyList<(IReportWriter<TReport>, string?)> targets) => _targets = targets;

    /// <summary>The directory files go to (the journal of a run goes there too); null when everything is printed.</summary>
    public string? Directory { get; private init; }

    /// <exception cref="Cli.UsageException">Several formats with nowhere to put them but the console, or one file for several formats.</exception>
    public static ReportDestinations<TReport> Resolve(IReadOnlyList<IReportWriter<TReport>> writers, string? output, string? defaultDirectory)
    {
        var place = output ?? defaultDirectory;
        if (place is null)
        {
            return writers.Count == 1
                ? new([(writers[0], null)])
                : throw new Cli.UsageException(
                    $"{string.Join(" and ", writers.Select(w => ReportFormats.Name(w.Format)))} cannot all go to the console: give --output DIR");
        }

        var isDirectory = System.IO.Directory.Exists(place) || place.EndsWith('/') || !Path.HasExtension(place) || output is null;
        if (!isDirectory)
        {
            return writers.Count == 1
                ? new([(writers[0], Path.GetFullPath(place))]) { Directory = Path.GetDirectoryName(Path.GetFullPath(place)) }
                : throw new Cli.UsageException($"--output {place} is one file, for one format; for {writers.Count} formats give a directory");
        }

        var directory = Path.GetFullPath(place);
        return new([.. writers.Select(w => (w, w.Format == ReportFormat.Table ? null : Path.Combine(directory, w.FileName)))]) { Directory = directory };
    }

    /// <summary>
    /// The same formats into another directory (a run's own runs/RUN_ID/); without <paramref name="withConsole"/> the
    /// table is left out, for a second copy of the files. Null when these destinations have no directory.
    /// </summary>
    public ReportDestinations<TReport>? At(string directory, bool withConsole) => Directory is null ? null
        : new([.. _targets
            .Where(t => withConsole || t.Path is not null)
            .Select(t => (t.Writer, t.Path is null ? null : Path.Combine(directory, Path.GetFileName(t.Path))))]) { Directory = directory };

    /// <summary>Writes every format; returns the files written, in order.</summary>
    public IReadOnlyList<string> Write(TReport report, TextWriter console)
    {
        var written = new List<string>();
        foreach (var (writer, path) in _targets)
        {
            if (path is null)
            {
                writer.Write(report, console);
                continue;
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);

            // UTF-8 without a BOM: CI parsers (and jq) choke on one; LF endings keep the files diffable.
            using (var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" })
            {
                writer.Write(report, file);
            }

            written.Add(path);
        }

        return written;
    }
}
