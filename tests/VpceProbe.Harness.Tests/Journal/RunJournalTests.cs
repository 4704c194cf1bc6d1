using Microsoft.Extensions.Time.Testing;
using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Tests.Journal;

public class RunJournalTests
{
    private static readonly RunHeader Header = new("run-1", "walkthrough", "vpc-1", "us-east-1", null, null, new VpcBaseline(["rtb-1 0.0.0.0/0 → nat-1"], []));

    private static RunJournal NewJournal(out string dir)
    {
        dir = Directory.CreateTempSubdirectory("journal-").FullName;
        return RunJournal.Create(dir, Header, new FakeTimeProvider(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static JournalEntry Intent(RunJournal journal, string action) =>
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Intent, Seq = journal.NextSeq, Action = action });

    [Fact]
    public void the_journal_starts_with_its_schema_version()
    {
        var journal = NewJournal(out _);

        Assert.StartsWith($"{{\"schemaVersion\":{RunJournal.SchemaVersion},\"type\":\"run\"", File.ReadLines(journal.Path).First(), StringComparison.Ordinal);
    }

    [Fact]
    public void outstanding_lists_intents_not_undone_newest_first_even_without_a_done_line()
    {
        var journal = NewJournal(out _);
        var route = Intent(journal, ChangeActions.RemoveRoute);
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Done, Seq = route.Seq, ResourceId = "rtb-1" });
        var endpoint = Intent(journal, ChangeActions.CreateEndpoint);
        var group = Intent(journal, ChangeActions.CreateSecurityGroup);
        journal.Append(new JournalEntry { Type = JournalEntryTypes.Undone, Seq = group.Seq });

        Assert.Equal([endpoint.Seq, route.Seq], journal.Outstanding().Select(e => e.Seq));
        Assert.Equal("rtb-1", journal.ResourceOf(route.Seq));
        Assert.Null(journal.ResourceOf(endpoint.Seq));
    }

    [Fact]
    public void a_reopened_journal_reads_every_line_back_and_tolerates_a_torn_last_line()
    {
        var journal = NewJournal(out var dir);
        Intent(journal, ChangeActions.RemoveRoute);
        File.AppendAllText(journal.Path, "{\"type\":\"done\",\"se");

        var reopened = RunJournal.Open("run-1", dir, TimeProvider.System);

        Assert.Equal(Header.Baseline.Routes, reopened.Header.Baseline.Routes);
        Assert.Equal(2, reopened.Entries.Count);
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), reopened.Entries[1].At);
        Assert.Single(reopened.Outstanding());
    }

    [Fact]
    public void a_torn_last_line_is_reported_skipped_and_the_next_record_starts_on_a_line_of_its_own()
    {
        var journal = NewJournal(out var dir);
        var route = Intent(journal, ChangeActions.RemoveRoute);
        File.AppendAllText(journal.Path, "{\"type\":\"done\",\"se");

        var reopened = RunJournal.Open("run-1", dir, TimeProvider.System);
        var warning = Assert.Single(reopened.Warnings);
        reopened.Append(new JournalEntry { Type = JournalEntryTypes.Undone, Seq = route.Seq });

        Assert.Contains($"{journal.Path}:3: skipped a line that is not a whole record", warning, StringComparison.Ordinal);
        var lines = File.ReadAllLines(journal.Path);
        Assert.Equal("{\"type\":\"done\",\"se", lines[2]);
        Assert.StartsWith("{\"type\":\"undone\"", lines[3], StringComparison.Ordinal);
        var again = RunJournal.Open("run-1", dir, TimeProvider.System);
        Assert.Equal([JournalEntryTypes.Run, JournalEntryTypes.Intent, JournalEntryTypes.Undone], again.Entries.Select(e => e.Type));
        Assert.Empty(again.Outstanding());
        Assert.Single(again.Warnings); // the torn line stays, said again, never merged with the record after it
    }

    [Fact]
    public void a_journal_is_found_by_run_id_directory_or_file()
    {
        var journal = NewJournal(out var dir);
        Assert.Equal(journal.Path, RunJournal.Open("run-1", dir, TimeProvider.System).Path);
        Assert.Equal(journal.Path, RunJournal.Open(Path.GetDirectoryName(journal.Path)!, "elsewhere", TimeProvider.System).Path);
        Assert.Equal(journal.Path, RunJournal.Open(journal.Path, "elsewhere", TimeProvider.System).Path);
        Assert.Throws<FileNotFoundException>(() => RunJournal.Open("run-2", dir, TimeProvider.System));
    }

    [Theory]
    [InlineData("\"region\":\"us-east-1\"", "\"region\":\"moon; rm -rf /\"", "region: 'moon; rm -rf /' is not an AWS region")]
    [InlineData("\"vpcId\":\"vpc-1\"", "\"vpcId\":\"vpc-1 --dry-run\"", "vpcId: 'vpc-1 --dry-run' is not a VPC id")]
    [InlineData("\"region\":\"us-east-1\"", "\"region\":\"us-east-1\",\"endpointUrl\":\"file:///etc/passwd\"", "endpointUrl: 'file:///etc/passwd' is not an http(s) URL")]
    public void a_damaged_run_header_is_refused_naming_the_field_before_rollback_calls_aws(string field, string damaged, string says)
    {
        var journal = NewJournal(out var dir);
        var text = File.ReadAllText(journal.Path);
        Assert.Contains(field, text, StringComparison.Ordinal);
        File.WriteAllText(journal.Path, text.Replace(field, damaged, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => RunJournal.Open("run-1", dir, TimeProvider.System));

        Assert.Contains($"{journal.Path}:1: the run header is damaged: {says}", error.Message, StringComparison.Ordinal);
    }
}
