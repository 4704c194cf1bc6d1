using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VpceProbe.Harness.Journal;

/// <summary>
/// A run's journal: OUTPUT_DIR/runs/RUN_ID/journal.jsonl, one JSON line per event, each line flushed to
/// disk (fsync) before the call returns, so a kill at any point leaves a journal rollback can trust.
/// </summary>
internal sealed class RunJournal
{
    public const string FileName = "journal.jsonl";

    /// <summary>Bump when a field is renamed or removed; the first line carries it.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly TimeProvider _time;
    private readonly List<JournalEntry> _entries;

    // A kill mid-write leaves the last line without its newline: the next record must start on a line of its own.
    private bool _torn;

    private RunJournal(string path, TimeProvider time, List<JournalEntry> entries, IReadOnlyList<string>? warnings = null, bool torn = false)
    {
        Path = path;
        _time = time;
        _entries = entries;
        Warnings = warnings ?? [];
        _torn = torn;
    }

    /// <summary>Lines that could not be read (a torn last line after a kill), each with its line number: skipped, and said.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public string Path { get; }

    public RunHeader Header => _entries[0].Run!;

    public IReadOnlyList<JournalEntry> Entries => _entries;

    public static string DirectoryFor(string outputDir, string runId) => System.IO.Path.Combine(outputDir, "runs", runId);

    public static RunJournal Create(string outputDir, RunHeader header, TimeProvider time)
    {
        var dir = DirectoryFor(outputDir, header.RunId);
        Directory.CreateDirectory(dir);
        var journal = new RunJournal(System.IO.Path.Combine(dir, FileName), time, []);
        journal.Append(new JournalEntry { SchemaVersion = SchemaVersion, Type = JournalEntryTypes.Run, Run = header });
        return journal;
    }

    /// <summary>Opens a journal by run id (under <paramref name="outputDir"/>), run directory or file path.</summary>
    public static RunJournal Open(string run, string outputDir, TimeProvider time)
    {
        var path = new[] { run, System.IO.Path.Combine(run, FileName), System.IO.Path.Combine(DirectoryFor(outputDir, run), FileName) }
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"no journal for run '{run}': looked for {System.IO.Path.Combine(DirectoryFor(outputDir, run), FileName)}");
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        var entries = new List<JournalEntry>();
        var warnings = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            if (ParseLine(lines[i]) is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                warnings.Add($"{path}:{i + 1}: skipped a line that is not a whole record (cut short by a kill?): {Shorten(lines[i])}");
            }
        }

        if (entries.Count == 0 || entries[0].Run is not { } header)
        {
            throw new InvalidDataException($"{path} does not start with a run header");
        }

        if (RunHeaderCheck.Problems(header) is { Count: > 0 } problems)
        {
            throw new InvalidDataException($"{path}:1: the run header is damaged: {string.Join("; ", problems)}");
        }

        return new RunJournal(path, time, entries, warnings, torn: text.Length > 0 && text[^1] != '\n');
    }

    public int NextSeq => _entries.Count == 0 ? 1 : _entries.Max(e => e.Seq) + 1;

    public JournalEntry Append(JournalEntry entry)
    {
        var stamped = entry with { At = _time.GetUtcNow() };
        var line = Encoding.UTF8.GetBytes((_torn ? "\n" : "") + JsonSerializer.Serialize(stamped, Json) + "\n");
        using (var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough))
        {
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }

        _torn = false;
        _entries.Add(stamped);
        return stamped;
    }

    /// <summary>Intents not yet undone or kept, newest first: what rollback must undo.</summary>
    public IReadOnlyList<JournalEntry> Outstanding()
    {
        var settled = _entries
            .Where(e => e.Type is JournalEntryTypes.Undone or JournalEntryTypes.Kept)
            .Select(e => e.Seq)
            .ToHashSet();
        return [.. _entries.Where(e => e.Type == JournalEntryTypes.Intent && !settled.Contains(e.Seq)).OrderByDescending(e => e.Seq)];
    }

    /// <summary>The resource id a done line recorded for an intent, if the change got that far.</summary>
    public string? ResourceOf(int seq) =>
        _entries.LastOrDefault(e => e.Seq == seq && e.Type == JournalEntryTypes.Done)?.ResourceId
        ?? _entries.FirstOrDefault(e => e.Seq == seq && e.Type == JournalEntryTypes.Intent)?.ResourceId;

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "…";

    // A kill can cut the last line short: a torn final line is the one thing allowed not to parse.
    private static JournalEntry? ParseLine(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalEntry>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
