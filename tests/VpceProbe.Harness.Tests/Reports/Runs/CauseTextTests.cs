using System.Text.Json;
using System.Xml.Linq;
using VpceProbe.Contract;
using VpceProbe.Harness.Explain;
using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Reports.Runs;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Reports.Runs;

/// <summary>A run whose secret cell fails because the endpoint's group lacks 443: every format names the cause, the path and the fix.</summary>
public class CauseTextTests
{
    [Fact]
    public void the_console_has_prediction_and_cause_columns_and_a_footnote_with_path_and_fix()
    {
        var text = Render(new ConsoleReportWriter(width: 400));

        Assert.Contains("Predicted", text, StringComparison.Ordinal);
        Assert.Contains("[1] SG_INGRESS_BLOCKS sg-endpoints", text, StringComparison.Ordinal);
        Assert.Contains("[1] endpoints secret@i-1: SG_INGRESS_BLOCKS sg-endpoints: no ingress rule of sg-endpoints", text, StringComparison.Ordinal);
        Assert.Contains("path: the VPC resolver 10.0.0.2 answers", text, StringComparison.Ordinal);
        Assert.Contains("fix: aws ec2 authorize-security-group-ingress --group-id sg-endpoints --protocol tcp --port 443 --cidr 10.0.2.10/32", text, StringComparison.Ordinal);
    }

    [Fact]
    public void markdown_has_the_columns_and_the_footnote()
    {
        var text = Render(new MarkdownReportWriter());

        Assert.Contains("| Predicted | Cause |", text, StringComparison.Ordinal);
        Assert.Contains("| unreachable | [1] SG_INGRESS_BLOCKS sg-endpoints |", text, StringComparison.Ordinal);
        Assert.Contains("fix: aws ec2 authorize-security-group-ingress", text, StringComparison.Ordinal);
    }

    [Fact]
    public void the_junit_failure_message_leads_with_the_cause()
    {
        var failure = XDocument.Parse(Render(new JUnitReportWriter())).Descendants("failure").Single();

        Assert.StartsWith("SG_INGRESS_BLOCKS sg-endpoints: expected allowed, observed unreachable", (string?)failure.Attribute("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void json_carries_prediction_path_and_cause_per_cell()
    {
        var cell = JsonDocument.Parse(Render(new JsonReportWriter())).RootElement.GetProperty("phases")[0].GetProperty("cells")[0];

        Assert.Equal("unreachable", cell.GetProperty("prediction").GetProperty("outcome").GetString());
        var path = cell.GetProperty("prediction").GetProperty("path");
        Assert.Equal("security_group_ingress", path[path.GetArrayLength() - 1].GetProperty("layer").GetString());
        Assert.Equal("block", path[path.GetArrayLength() - 1].GetProperty("verdict").GetString());
        Assert.Equal("SG_INGRESS_BLOCKS", cell.GetProperty("cause").GetProperty("code").GetString());
        Assert.Equal("sg-endpoints", cell.GetProperty("cause").GetProperty("resource").GetString());
    }

    [Fact]
    public void the_html_cell_opens_on_prediction_path_cause_and_fix()
    {
        var html = Render(new HtmlReportWriter());

        Assert.Contains("<dt>predicted</dt><dd>unreachable</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>path</dt><dd>the VPC resolver 10.0.0.2 answers", html, StringComparison.Ordinal);
        Assert.Contains("<dt>cause</dt><dd>SG_INGRESS_BLOCKS sg-endpoints: no ingress rule of sg-endpoints", html, StringComparison.Ordinal);
        Assert.Contains("<dt>fix</dt><dd>aws ec2 authorize-security-group-ingress --group-id sg-endpoints --protocol tcp --port 443 --cidr 10.0.2.10/32</dd>", html, StringComparison.Ordinal);
    }

    private static string Render(IReportWriter<RunResult> writer)
    {
        var output = new StringWriter();
        writer.Write(Run(), output);
        return output.ToString();
    }

    private static RunResult Run()
    {
        var vpc = ExplainVpc.Snapshot().WithGroup("sg-endpoints", ingress: []);
        var probe = new ProbeSpec { Id = "secret", Kind = ProbeKinds.Secret, SecretId = "twtech/db-password", Expect = "allowed" };
        var observed = new MatrixCell("endpoints", "secret", "i-1", ProbeKinds.Secret, "twtech/db-password", "allowed", Outcome.Unreachable, FailureKind.Timeout, false, "no answer within 5s", 5000);
        var cell = CellExplainer.Explain(observed, probe, null, vpc);
        return new RunResult
        {
            RunId = "r", Scenario = "walkthrough", VpcId = "vpc-1", ExitCode = ExitCodes.ExpectationFailed,
            Phases = [new PhaseResult("endpoints", [], [cell], [])],
        };
    }
}
