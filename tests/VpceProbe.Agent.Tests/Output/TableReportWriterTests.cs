using VpceProbe.Agent.Output;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Output;

public class TableReportWriterTests
{
    private static string Write(AgentReport report)
    {
        using var output = new StringWriter();
        new TableReportWriter().Write(report, output);
        return output.ToString();
    }

    private static AgentReport Report(bool interrupted, params ProbeResult[] results) => new()
    {
        Agent = new AgentInfo(AgentApp.Name, "0.1.0"),
        Host = InProcessAgent.FixedHost(null),
        Interrupted = interrupted,
        Pass = results.All(r => r.Pass) && !interrupted,
        Results = [.. results],
    };

    private static ProbeResult Dns(Outcome outcome, FailureKind? kind, bool pass) => new()
    {
        Id = "sm-dns",
        Kind = ProbeKinds.Dns,
        Target = "secretsmanager.us-east-1.amazonaws.com",
        Expect = Expectations.Private,
        Outcome = outcome,
        Pass = pass,
        FailureKind = kind,
        Observed = new Observation { Answers = ["10.0.1.25", "10.0.2.25"] },
        Attempts = 2,
    };

    [Fact]
    public void table_uses_the_contract_names_of_outcomes_and_failure_kinds()
    {
        var text = Write(Report(false, Dns(Outcome.NoAnswer, FailureKind.DnsTimeout, pass: false)));
        Assert.Contains("no_answer", text, StringComparison.Ordinal);
        Assert.Contains("dns_timeout", text, StringComparison.Ordinal);
        Assert.Contains("FAIL: 0/1 expectations met", text, StringComparison.Ordinal);
    }

    [Fact]
    public void table_shows_dns_answers_beside_the_outcome()
    {
        var text = Write(Report(false, Dns(Outcome.Private, null, pass: true)));
        Assert.Contains("private (10.0.1.25,10.0.2.25)", text, StringComparison.Ordinal);
        Assert.Contains("PASS: 1/1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void table_says_when_the_run_was_interrupted() =>
        Assert.Contains("interrupted", Write(Report(true, Dns(Outcome.Cancelled, FailureKind.Cancelled, pass: false))), StringComparison.Ordinal);

    [Fact]
    public void columns_line_up_under_their_headers()
    {
        var lines = Write(Report(false, Dns(Outcome.Private, null, pass: true))).Split('\n');
        Assert.Equal(lines[0].IndexOf(" KIND ", StringComparison.Ordinal), lines[1].IndexOf(" dns ", StringComparison.Ordinal));
    }
}
