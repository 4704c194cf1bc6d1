using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports.Runs;

/// <summary>
/// report.xml in the Ant/Jenkins JUnit dialect (tests validate it against Jenkins' junit-10.xsd), which GitHub
/// Actions reporters, GitLab and Jenkins all read: one testsuite per phase, one testcase per probe and instance
/// (classname = phase, name = probe@instance). An unmet expectation is a failure; a cell with no report, or an
/// agent run that produced none, is an error, because it says nothing about the network.
/// </summary>
internal sealed class JUnitReportWriter : IReportWriter<RunResult>
{
    public ReportFormat Format => ReportFormat.Junit;

    public string FileName => "report.xml";

    public string Description => "JUnit XML, one testcase per phase/probe/instance (GitHub Actions, GitLab, Jenkins)";

    public void Write(RunResult result, TextWriter writer)
    {
        var suites = result.Phases.Select((phase, index) => Suite(result, phase, index)).ToList();
        if (RunErrorSuite(result, suites.Count) is { } runError)
        {
            suites.Add(runError);
        }

        if (result.Comparison is { } comparison)
        {
            suites.Add(ComparisonSuite(result, comparison, suites.Count));
        }

        var root = new XElement("testsuites",
            new XAttribute("name", $"vpceprobe {result.Scenario}"),
            new XAttribute("tests", Sum(suites, "tests")),
            new XAttribute("failures", Sum(suites, "failures")),
            new XAttribute("errors", Sum(suites, "errors")),
            new XAttribute("time", ReportText.Seconds(result.Duration)),
            suites);

        // Through a UTF-8 buffer: an XmlWriter over a TextWriter declares the writer's encoding (UTF-16 for a
        // StringWriter), and the file must say, and be, UTF-8 whatever writer it ends up in.
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(xml);
        }

        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static XElement Suite(RunResult result, PhaseResult phase, int index)
    {
        var cases = phase.Cells.Select(Case).ToList();
        var covered = phase.Cells.Select(c => c.InstanceId).ToHashSet(StringComparer.Ordinal);

        // A run with no cells at all (the agent never reported) still has to show up, as an error.
        cases.AddRange(ReportText.Troubled(phase).Where(r => !covered.Contains(r.InstanceId)).Select(run =>
            new XElement("testcase",
                new XAttribute("classname", phase.Name),
                new XAttribute("name", $"agent@{run.InstanceId}"),
                new XAttribute("time", "0.000"),
                new XElement("error",
                    new XAttribute("type", ReportText.Status(run.Status)),
                    new XAttribute("message", run.Error ?? ReportText.Status(run.Status))))));

        return new XElement("testsuite",
            new XAttribute("name", phase.Name),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
            new XAttribute("skipped", 0),
            new XAttribute("time", ReportText.Seconds(phase.Cells.Select(c => c.DurationMs).DefaultIfEmpty(0).Max())),
            new XAttribute("timestamp", ReportText.Timestamp(result.StartedAt)),
            new XAttribute("id", index),
            new XAttribute("package", $"vpceprobe.{result.Scenario}"),
            new XElement("properties",
                Property("runId", result.RunId),
                Property("vpcId", result.VpcId),
                Property("actions", string.Join("; ", phase.Actions))),
            cases);
    }

    /// <summary>
    /// The run's own error (interrupted, AWS error, rollback incomplete…) as an error test case in a suite of its own,
    /// so a CI gate that counts failures and errors goes red even when every check that ran passed.
    /// </summary>
    private static XElement? RunErrorSuite(RunResult result, int index)
    {
        if (result.Error is not { } error)
        {
            return null;
        }

        var kind = ReportText.WireName(error.Kind);
        return new XElement("testsuite",
            new XAttribute("name", "run"),
            new XAttribute("tests", 1),
            new XAttribute("failures", 0),
            new XAttribute("errors", 1),
            new XAttribute("skipped", 0),
            new XAttribute("time", ReportText.Seconds(result.Duration)),
            new XAttribute("timestamp", ReportText.Timestamp(result.StartedAt)),
            new XAttribute("id", index),
            new XAttribute("package", $"vpceprobe.{result.Scenario}"),
            new XElement("testcase",
                new XAttribute("classname", "run"),
                new XAttribute("name", $"run@{result.VpcId}"),
                new XAttribute("time", ReportText.Seconds(result.Duration)),
                new XElement("error",
                    new XAttribute("type", kind),
                    new XAttribute("message", error.Message),
                    result.LeftBehind ?? error.Message)));
    }

    private static XElement Case(MatrixCell cell)
    {
        var testcase = new XElement("testcase",
            new XAttribute("classname", cell.Phase),
            new XAttribute("name", $"{cell.ProbeId}@{cell.InstanceId}"),
            new XAttribute("time", ReportText.Seconds(cell.DurationMs)));
        if (cell.Pass)
        {
            return WithReason(testcase, cell);
        }

        var element = cell.Observed is null ? "error" : "failure";
        var type = cell.Observed is null ? "no_report" : ReportText.Kind(cell) is { Length: > 0 } kind ? kind : "unexpected_outcome";
        testcase.Add(new XElement(element,
            new XAttribute("type", type),
            new XAttribute("message", CauseText.Lead(cell) + ReportText.Mismatch(cell)),
            Body(cell)));
        return WithReason(testcase, cell);
    }

    // Derived probes (`accept`) say why they are there, where CI shows a test's output.
    private static XElement WithReason(XElement testcase, MatrixCell cell)
    {
        if (cell.Reason is { } reason)
        {
            testcase.Add(new XElement("system-out", $"why: {reason}"));
        }

        return testcase;
    }

    /// <summary>
    /// The comparison with a saved matrix as one more suite, "comparison": a testcase per compared cell, a regression
    /// as a failure (the command exits 1 on it), every other category passing with its before and after as output.
    /// </summary>
    private static XElement ComparisonSuite(RunResult result, Compare.MatrixComparison comparison, int index)
    {
        var cases = comparison.Cells.Select(c =>
        {
            var change = $"{ComparisonText.Category(c.Category)}: before {ComparisonText.State(c.Before)}; after {ComparisonText.State(c.After)}";
            var testcase = new XElement("testcase",
                new XAttribute("classname", $"comparison.{c.Phase}"),
                new XAttribute("name", ComparisonText.Cell(c)),
                new XAttribute("time", "0.000"));
            testcase.Add(c.Category == Compare.ComparisonCategory.Regression
                ? new XElement("failure", new XAttribute("type", "regression"), new XAttribute("message", change), change)
                : new XElement("system-out", change));
            return testcase;
        }).ToList();
        return new XElement("testsuite",
            new XAttribute("name", "comparison"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", comparison.Count(Compare.ComparisonCategory.Regression)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", "0.000"),
            new XAttribute("timestamp", ReportText.Timestamp(result.StartedAt)),
            new XAttribute("id", index),
            new XAttribute("package", $"vpceprobe.{result.Scenario}"),
            new XElement("properties",
                Property("against", comparison.Against),
                Property("savedRunId", comparison.SavedRunId),
                Property("summary", comparison.Summary())),
            cases);
    }

    private static string Body(MatrixCell cell) => string.Join('\n',
        $"kind: {cell.Kind}",
        $"target: {cell.Target}",
        $"expected: {cell.Expected}",
        $"observed: {ReportText.Observed(cell)}",
        $"failure kind: {(ReportText.Kind(cell) is { Length: > 0 } k ? k : "none")}",
        $"detail: {cell.Detail ?? "none"}");

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string Sum(List<XElement> suites, string attribute) =>
        suites.Sum(s => int.Parse((string)s.Attribute(attribute)!, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
}
