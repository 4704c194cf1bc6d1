using VpceProbe.Harness.Reports.Terminal;
using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Reports.Audits;
using VpceProbe.Harness.Reports.Costs;
using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Reports.Snapshots;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Reports.Terminal;

/// <summary>At any width, every id, ARN and URL of a report is on one line, whole; and no line is longer than the width.</summary>
public class FittedTableTests
{
    public static TheoryData<int> Widths => [40, 60, 80, 100, 120, 160, 240];

    [Theory]
    [MemberData(nameof(Widths))]
    public void run_matrix_never_splits_an_id_or_url(int width)
    {
        var text = Render(w => new ConsoleReportWriter(width).Write(SampleRun.Create(), w));
        var run = SampleRun.Create();

        AssertWhole(text, [.. run.Phases.SelectMany(p => p.Cells).SelectMany(c => new[] { c.InstanceId, c.Target.Split(' ')[0], c.ProbeId }), run.VpcId, run.RunId]);
        AssertBounded(text, width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void comparison_with_a_saved_matrix_never_splits_a_cell_or_an_instance_id(int width)
    {
        var run = SampleAccept.Create();
        var text = Render(w => new ConsoleReportWriter(width).Write(run, w));

        AssertWhole(text, [.. run.Comparison!.Cells.Where(c => c.Category != Harness.Compare.ComparisonCategory.Unchanged).Select(c => c.ProbeId + "@" + c.InstanceId)]);
        AssertBounded(text, width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void audit_table_never_splits_a_resource_id(int width)
    {
        var report = SnapshotWithProblems.Report();
        var text = Render(w => new TableAuditWriter(width).Write(report, w));

        AssertWhole(text, [.. report.Findings.Select(f => f.Resource), .. report.Findings.Select(f => f.RuleId)]);
        AssertBounded(text, width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void discover_tables_never_split_an_id_and_sort_subnets_by_address(int width)
    {
        var vpc = SampleVpc.Before();
        var text = Render(w => new SnapshotTableWriter(width).Write(vpc, w));

        AssertWhole(text, [.. vpc.Subnets.Select(s => s.Id), .. vpc.Instances.Select(i => i.Id), .. vpc.Endpoints.Select(e => e.ServiceName)]);
        Assert.True(text.IndexOf("10.0.2.0/24", StringComparison.Ordinal) < text.IndexOf("10.0.12.0/24", StringComparison.Ordinal), "10.0.2.0/24 before 10.0.12.0/24");
        AssertBounded(text, width);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void cost_tables_never_split_a_resource_id(int width)
    {
        var report = CostEstimator.Estimate(SampleVpc.Before(), PriceBook.Load(), new CostInputs(100m, new Dictionary<string, decimal> { ["s3"] = 1000m }));
        var text = Render(w => new CostTableWriter(width).Write(report, w));

        AssertWhole(text, [.. report.Current.Select(l => l.Resource), .. report.Services.Select(s => s.Service)]);
        AssertBounded(text, width);
    }

    [Fact]
    public void without_a_terminal_lines_are_bounded()
    {
        var text = Render(w => new ConsoleReportWriter().Write(SampleRun.Create(), w));

        AssertBounded(text, ConsoleFor.NonTerminalWidth);
        Assert.StartsWith("vpceprobe walkthrough · vpc-0123456789abcdef0 · run run-20261128-0700\n", text, StringComparison.Ordinal);
    }

    private static void AssertWhole(string text, IEnumerable<string> tokens)
    {
        foreach (var token in tokens.Where(t => t.Length > 0).Distinct())
        {
            Assert.True(text.Split('\n').Any(l => l.Contains(token, StringComparison.Ordinal)), $"'{token}' is split or missing in:\n{text}");
        }
    }

    // Block lines carry a value as it is (a long policy may exceed the width, for the terminal to wrap); tables never do.
    private static void AssertBounded(string text, int width) =>
        Assert.All(text.Split('\n').Where(l => l.Contains('│') || l.Contains('─')), l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));

    private static string Render(Action<TextWriter> write)
    {
        var writer = new StringWriter { NewLine = "\n" };
        write(writer);
        return writer.ToString().ReplaceLineEndings("\n");
    }
}
