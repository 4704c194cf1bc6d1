using Microsoft.Extensions.Time.Testing;
using VpceProbe.Contract;
using VpceProbe.Harness.Accept;
using VpceProbe.Harness.Discovery.Derivation;
using VpceProbe.Harness.Transport;
using static VpceProbe.Harness.Tests.Discovery.Derivation.DerivationVpc;

namespace VpceProbe.Harness.Tests.Accept;

public class AcceptRunTests
{
    [Fact]
    public async Task instances_with_the_same_probes_share_one_agent_run_but_keep_their_own_reasons()
    {
        // i-a and i-b both expect S3 allowed (i-a through the gateway, i-b through its own NAT), so one run serves both.
        var vpc = Build(endpoints: Gateway("s3", null, TableA));
        vpc = vpc with { RouteTables = [.. vpc.RouteTables.Select(t => t.Id == TableB ? Build().RouteTables.Single(x => x.Id == TableA) with { Id = TableB, SubnetIds = ["subnet-b"] } : t)] };
        var plans = new[] { Derive(vpc, "i-a"), Derive(vpc, "i-b") };
        var transport = new AnsweringTransport(_ => true);

        var result = await new AcceptRun(transport, new FakeTimeProvider()).RunAsync(vpc, plans, TestContext.Current.CancellationToken);

        Assert.Equal([["i-a", "i-b"]], transport.Batches);
        var cells = result.Phases.Single().Cells;
        Assert.Contains("is on route table rtb-a", cells.Single(c => c.ProbeId == "s3-gateway" && c.InstanceId == "i-a").Reason, StringComparison.Ordinal);
        Assert.Contains("is not on this subnet's route table rtb-b", cells.Single(c => c.ProbeId == "s3-gateway" && c.InstanceId == "i-b").Reason, StringComparison.Ordinal);
        Assert.Equal((0, "accept"), (result.ExitCode, result.Scenario));
        Assert.Equal(["subnet-a", "subnet-b"], result.Instances!.Select(i => i.SubnetId));
    }

    [Fact]
    public async Task a_known_failure_fails_the_cell_even_when_the_probe_met_its_expectation()
    {
        var vpc = Build(endpoints: Gateway("s3", null, TableA));
        var plans = new[] { Derive(vpc, "i-b", new DerivationOptions(Strict: true)) };

        var result = await new AcceptRun(new AnsweringTransport(_ => true), new FakeTimeProvider()).RunAsync(vpc, plans, TestContext.Current.CancellationToken);

        var cell = result.Phases.Single().Cells.Single(c => c.ProbeId == "s3-gateway");
        Assert.False(cell.Pass);
        Assert.StartsWith("--strict: gateway endpoint vpce-s3-gw (s3) is not on route table rtb-b", cell.Detail, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ExpectationFailed, result.ExitCode);
    }

    [Fact]
    public async Task an_agent_that_brought_back_no_report_is_an_infrastructure_error()
    {
        var vpc = Build();

        var result = await new AcceptRun(new AnsweringTransport(_ => true, AgentRunStatus.Undeliverable), new FakeTimeProvider())
            .RunAsync(vpc, [Derive(vpc, "i-a")], TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Infrastructure, result.ExitCode);
        Assert.All(result.Phases.Single().Cells, c => Assert.Null(c.Observed));
    }

    /// <summary>A transport that answers every probe as met (or not), as an agent report would, and records each batch of instances.</summary>
    private sealed class AnsweringTransport(Func<ProbeSpec, bool> pass, AgentRunStatus status = AgentRunStatus.Completed) : IAgentTransport
    {
        public List<IReadOnlyList<string>> Batches { get; } = [];

        public TransportKind Kind => TransportKind.Local;

        public Task<IReadOnlyList<AgentRun>> RunAsync(IReadOnlyList<string> instanceIds, ProbePlan plan, CancellationToken cancellationToken)
        {
            Batches.Add(instanceIds);
            var report = new AgentReport
            {
                Agent = new("test", "0"),
                Host = new(),
                Results = [.. plan.Probes.Select(p => new ProbeResult { Id = p.Id, Kind = p.Kind, Target = p.Id, Expect = p.Expect, Pass = pass(p), Outcome = Outcome.Allowed })],
            };
            return Task.FromResult<IReadOnlyList<AgentRun>>([.. instanceIds.Select(id =>
                status == AgentRunStatus.Completed ? new AgentRun(id, status, report) : new AgentRun(id, status, null, null, "not delivered"))]);
        }
    }
}
