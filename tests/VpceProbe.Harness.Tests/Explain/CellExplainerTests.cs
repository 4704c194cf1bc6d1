using VpceProbe.Contract;
using VpceProbe.Harness.Explain;
using VpceProbe.Harness.Tests.Support;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Explain;

public class CellExplainerTests
{
    private static readonly ProbeSpec Secret = new() { Id = "secret", Kind = ProbeKinds.Secret, SecretId = "twtech/db-password", Expect = "allowed" };

    [Fact]
    public void a_failed_cell_the_vpc_explains_gets_the_deciding_steps_cause()
    {
        var vpc = ExplainVpc.Snapshot().WithGroup("sg-endpoints", ingress: []);

        var cell = CellExplainer.Explain(Cell(Outcome.Unreachable, pass: false), Secret, Run(new HostFacts()), vpc);

        Assert.Equal(Outcome.Unreachable, cell.Prediction!.Outcome);
        Assert.Equal((CauseCode.SgIngressBlocks, "sg-endpoints"), (cell.Cause!.Code, cell.Cause.Resource));
    }

    [Fact]
    public void a_passing_cell_the_vpc_predicts_has_a_prediction_and_no_cause()
    {
        var cell = CellExplainer.Explain(Cell(Outcome.Allowed, pass: true), Secret, Run(new HostFacts()), ExplainVpc.Snapshot());

        Assert.Equal(Outcome.Allowed, cell.Prediction!.Outcome);
        Assert.Null(cell.Cause);
    }

    [Fact]
    public void a_failure_the_vpc_does_not_predict_is_not_explained_by_it_and_shows_the_instances_overrides()
    {
        var host = new HostFacts
        {
            Nameservers = ["8.8.8.8"],
            HostsEntries = ["203.0.113.9 secretsmanager.us-east-1.amazonaws.com", "10.0.2.99 build-cache"],
            Proxy = new() { ["HTTPS_PROXY"] = "http://10.9.9.9:3128" },
        };

        var cell = CellExplainer.Explain(Cell(Outcome.Unreachable, pass: false), Secret, Run(host, "203.0.113.9:443"), ExplainVpc.Snapshot());

        Assert.Equal(CauseCode.NotExplainedByVpc, cell.Cause!.Code);
        Assert.Equal("i-1", cell.Cause.Resource);
        Assert.Contains("the VPC predicts allowed, the instance saw unreachable", cell.Cause.Detail, StringComparison.Ordinal);
        Assert.Contains("nameserver 8.8.8.8 (the VPC resolver is 10.0.0.2)", cell.Cause.Detail, StringComparison.Ordinal);
        Assert.Contains("/etc/hosts: 203.0.113.9 secretsmanager.us-east-1.amazonaws.com", cell.Cause.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("build-cache", cell.Cause.Detail, StringComparison.Ordinal);
        Assert.Contains("proxy: HTTPS_PROXY=http://10.9.9.9:3128", cell.Cause.Detail, StringComparison.Ordinal);
        Assert.Contains("connected to 203.0.113.9:443", cell.Cause.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void a_success_the_vpc_predicts_as_a_failure_is_not_explained_either()
    {
        var vpc = ExplainVpc.Snapshot().WithGroup("sg-endpoints", ingress: []);

        var cell = CellExplainer.Explain(Cell(Outcome.Allowed, pass: true), Secret, Run(new HostFacts()), vpc);

        Assert.Equal(CauseCode.NotExplainedByVpc, cell.Cause!.Code);
    }

    private static MatrixCell Cell(Outcome observed, bool pass) =>
        new("endpoints", "secret", "i-1", ProbeKinds.Secret, "twtech/db-password", "allowed", observed, pass ? null : FailureKind.Timeout, pass, null, 10);

    private static AgentRun Run(HostFacts host, string? address = null) => new("i-1", AgentRunStatus.Completed, new AgentReport
    {
        Agent = new("vpceprobe-agent", "test"),
        Host = host,
        Results = [new ProbeResult { Id = "secret", Kind = ProbeKinds.Secret, Target = "x", Expect = "allowed", Observed = new Observation { Address = address } }],
    });
}
