using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Discovery.Derivation;
using VpceProbe.Harness.Run;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Accept;

/// <summary>
/// Runs the derived plans through the transport, one agent run per group of instances whose plans are the same
/// (one SendCommand for all instances behind the same route table), and turns them into one phase, "accept",
/// whose cells carry the reason each probe was derived.
/// </summary>
internal sealed class AcceptRun(IAgentTransport transport, TimeProvider time)
{
    public const string Phase = "accept";

    /// <summary>Instances whose probes are the same share one agent run; the reasons stay each instance's own.</summary>
    public async Task<RunResult> RunAsync(VpcSnapshot vpc, IReadOnlyList<DerivedPlan> plans, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var cells = new List<MatrixCell>();
        var runs = new List<AgentRun>();
        foreach (var group in plans.GroupBy(p => string.Join('\n', p.Probes.Select(d => d.Probe.ToString()))))
        {
            var plan = group.First().ToPlan(vpc);
            var groupRuns = await transport.RunAsync([.. group.Select(p => p.Target.Instance.Id)], plan, cancellationToken).ConfigureAwait(false);
            runs.AddRange(groupRuns);
            // Same probes, not the same reasons: each instance's cells are explained by its own plan (its route table).
            var byInstance = group.ToDictionary(p => p.Target.Instance.Id, p => p.Probes.ToDictionary(d => d.Probe.Id, StringComparer.Ordinal), StringComparer.Ordinal);
            cells.AddRange(Explain.CellExplainer.Explain(MatrixBuilder.Build(Phase, plan, groupRuns), plan, groupRuns, vpc)
                .Select(c => Explained(c, byInstance[c.InstanceId][c.ProbeId])));
        }

        var phase = new PhaseResult(Phase, [], cells, runs);
        return new RunResult
        {
            RunId = $"accept-{started:yyyyMMdd-HHmmss}",
            Scenario = Phase,
            VpcId = vpc.VpcId,
            Transport = transport.Kind.Name(),
            StartedAt = started,
            Duration = time.GetUtcNow() - started,
            Phases = [phase],
            Instances = [.. plans.Select(p => new InstanceIdentity(p.Target.Instance.Id, p.Target.Subnet.Id, p.Target.Name))],
            ExitCode = runs.Any(r => r.Status != AgentRunStatus.Completed) ? ExitCodes.Infrastructure
                : phase.Pass ? ExitCodes.Success : ExitCodes.ExpectationFailed,
        };
    }

    /// <summary>The cell with its reason; failed, saying why, when the snapshot alone fails it.</summary>
    private static MatrixCell Explained(MatrixCell cell, DerivedProbe derived) =>
        derived.KnownFailure is { } failure
            ? cell with { Reason = derived.Reason.Text, Pass = false, Detail = cell.Detail is null ? failure : $"{failure}; {cell.Detail}" }
            : cell with { Reason = derived.Reason.Text };
}
