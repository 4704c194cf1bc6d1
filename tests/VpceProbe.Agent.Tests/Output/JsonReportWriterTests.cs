using Microsoft.Extensions.Time.Testing;
using VpceProbe.Agent.Output;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Output;

/// <summary>The report's JSON shape is the contract with the harness: golden files make any change a visible diff.</summary>
public class JsonReportWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task a_run_of_the_agent_prints_the_golden_report()
    {
        // Port 1 on loopback: nothing listens there, so both probes are refused the same way on every machine.
        var plan = """
            {"schemaVersion":1,"region":"us-east-1","probes":[
              {"id":"no-listener","kind":"tcp","host":"127.0.0.1","port":1,"expect":"unreachable"},
              {"id":"web","kind":"http","url":"http://127.0.0.1:1/health","expect":"200","timeout":"1s"}]}
            """;

        var run = await InProcessAgent.RunAsync(new FakeTimeProvider(Start), ["--plan", "-"], plan, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.ExpectationFailed, run.ExitCode);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        GoldenJson.AssertMatches("agent-run.json", run.Stdout);
    }

    [Fact]
    public void every_observation_field_has_its_golden_name()
    {
        var report = new AgentReport
        {
            Agent = new AgentInfo(AgentApp.Name, "0.1.0"),
            Host = InProcessAgent.FixedHost("us-east-1"),
            StartedAt = Start,
            DurationMs = 412,
            Pass = false,
            Results =
            [
                Result("dns", ProbeKinds.Dns, Outcome.Private, new Observation { Answers = ["10.0.1.25"], Rcode = "NoError", Nameserver = "10.0.0.2:53" }),
                Result("ping", ProbeKinds.Ping, Outcome.Reachable, new Observation { Address = "10.0.1.5", RttMs = 0.4 }),
                Result("s3", ProbeKinds.S3, Outcome.Denied, new Observation
                {
                    StatusCode = 403, ErrorCode = "AccessDenied", RequestId = "R1", EndpointPolicy = true, Endpoint = "https://s3.us-east-1.amazonaws.com", Count = 0,
                }) with { FailureKind = FailureKind.AccessDenied, Detail = "explicit deny in a VPC endpoint policy" },
                Result("secret", ProbeKinds.Secret, Outcome.Allowed, new Observation
                {
                    Arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", VersionId = "v1", VersionStages = ["AWSCURRENT"], Length = 24,
                }),
                Result("sts", ProbeKinds.Sts, Outcome.Allowed, new Observation { Account = "123456789012", UserId = "AROAEXAMPLE:i-0abc" }),
            ],
        };
        using var output = new StringWriter();

        new JsonReportWriter().Write(report, output);

        GoldenJson.AssertMatches("report-shape.json", output.ToString());
    }

    [Fact]
    public void a_30_probe_report_stays_well_under_the_ssm_output_limit()
    {
        var report = new AgentReport
        {
            Agent = new AgentInfo(AgentApp.Name, "0.1.0"),
            Host = InProcessAgent.FixedHost("us-east-1"),
            Results = [.. Enumerable.Range(0, 30).Select(i => Result($"probe-{i:00}", ProbeKinds.Http, Outcome.Unreachable, new Observation { Address = "10.0.1.5:443" })
                with { Target = "https://secretsmanager.us-east-1.amazonaws.com/", FailureKind = FailureKind.Timeout, Detail = "no answer within 5s" })],
        };
        using var output = new StringWriter();

        new JsonReportWriter().Write(report, output);

        Assert.InRange(output.ToString().Length, 1, 12_000);
    }

    private static ProbeResult Result(string id, string kind, Outcome outcome, Observation observed) => new()
    {
        Id = id,
        Kind = kind,
        Target = id + ".example",
        Expect = Expectations.Reachable,
        Outcome = outcome,
        Pass = outcome is Outcome.Private or Outcome.Reachable or Outcome.Allowed,
        Observed = observed,
        Attempts = 1,
        DurationMs = 3,
    };
}
