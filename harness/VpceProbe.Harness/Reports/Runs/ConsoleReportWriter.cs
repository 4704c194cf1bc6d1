using Spectre.Console;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports.Runs;

/// <summary>
/// The matrix for a person: phase × probe × instance with expected against observed and the failure kind,
/// the agent runs that brought back nothing, a short account of the changes, and the verdict.
/// Not a machine format: it may change freely.
/// </summary>
public sealed class ConsoleReportWriter : IReportWriter<RunResult>
{
    public ReportFormat Format => ReportFormat.Table;

    public string FileName => "report.txt";

    public string Description => "the matrix and the changes, for a person (printed)";

    public void Write(RunResult result, TextWriter writer)
    {
        var console = ConsoleFor.Writer(writer);
        if (!ReferenceEquals(writer, Console.Out))
        {
            // Files and CI logs are not 80 columns wide; a wide table beats one wrapped into unreadable slivers.
            console.Profile.Width = 200;
        }

        console.Write(new Rule($"vpceprobe {Markup.Escape(result.Scenario)} · {Markup.Escape(result.VpcId)} · run {Markup.Escape(result.RunId)}").LeftJustified());
        console.Write(Matrix(result));
        foreach (var phase in result.Phases)
        {
            foreach (var run in ReportText.Troubled(phase))
            {
                console.MarkupLineInterpolated($"[red]{phase.Name}: agent on {run.InstanceId}: {ReportText.Status(run.Status)}[/]: {run.Error ?? ""}");
            }
        }

        WriteChanges(result, console);
        var verdict = result.Pass ? "[green]PASS[/]" : "[red]FAIL[/]";
        console.MarkupLine($"{verdict} exit {result.ExitCode}: {result.Phases.Sum(p => p.Cells.Count(c => c.Pass))} of {result.Phases.Sum(p => p.Cells.Count)} checks met in {ReportText.Seconds(result.Duration)} s");
        if (result.LeftBehind is { } left)
        {
            console.MarkupLineInterpolated($"[red]Left behind:[/] {left}");
        }
    }

    private static Table Matrix(RunResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Phase", "Probe", "Instance", "Target", "Expected", "Observed", "Kind", "Result");
        foreach (var c in result.Phases.SelectMany(p => p.Cells))
        {
            table.AddRow(
                new Text(c.Phase), new Text(c.ProbeId), new Text(c.InstanceId), new Text(c.Target), new Text(c.Expected),
                new Text(ReportText.Observed(c)), new Text(ReportText.Kind(c)),
                new Markup(c.Pass ? "[green]pass[/]" : "[red]FAIL[/]"));
        }

        return table;
    }

    private static void WriteChanges(RunResult result, IAnsiConsole console)
    {
        if (result.Changes.Count == 0)
        {
            console.WriteLine("No change was made to the VPC.");
            return;
        }

        console.WriteLine("Changes to the VPC:");
        foreach (var c in result.Changes)
        {
            console.WriteLine($"  [{c.Phase}] {c.Action} {c.Resource}: {c.Description} ({ReportText.WireName(c.Status)})");
        }
    }
}
