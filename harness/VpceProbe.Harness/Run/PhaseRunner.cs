using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Run;

/// <summary>
/// One phase at a time: apply its actions (each change journals itself), then run the agent on every
/// target with the scenario's probes and the phase's expectations, and turn the reports into matrix cells.
/// </summary>
internal sealed class PhaseRunner(RunServices services, ScenarioDefinition scenario, IReadOnlyList<InstanceInfo> targets)
{
    /// <summary>Dry run: every change every phase would make, from the VPC as it is now.</summary>
    /// <param name="runId">The id the run will have, so planned names (security groups) are the ones created; null in a dry run.</param>
    public IReadOnlyList<ChangeRecord> Preview(VpcSnapshot vpc, string? runId = null) =>
        [.. scenario.Phases.SelectMany(p => p.Actions.Where(a => a.Type != ActionTypes.Cleanup)
            .SelectMany(a => ChangeCatalog.For(a).Preview(new(services.Ec2, vpc, targets, null, services.Waits, services.Crash, p.Name, runId))))];

    /// <summary>Dry run: each phase's cells predicted against the VPC as the phases before it and its own actions would leave it.</summary>
    public IReadOnlyList<Explain.PredictedCell> Predict(VpcSnapshot vpc)
    {
        var cells = new List<Explain.PredictedCell>();
        var current = vpc;
        foreach (var phase in scenario.Phases)
        {
            // Cleanup puts the VPC back as it was; the other actions change it one after the other.
            current = phase.Actions.Any(a => a.Type == ActionTypes.Cleanup) ? vpc : current;
            foreach (var action in phase.Actions.Where(a => a.Type != ActionTypes.Cleanup))
            {
                current = Explain.PhaseProjection.Apply(Context(current, null, phase.Name), action);
            }

            var plan = PhasePlans.Build(scenario, phase, vpc.Region, vpc.Cidrs, null);
            cells.AddRange(targets.SelectMany(t => plan.Probes.Select(p => Explain.PredictedCell.For(phase.Name, p, t, current))));
        }

        return cells;
    }

    public async Task<IReadOnlyList<ChangeRecord>> ApplyAsync(PhaseDefinition phase, RunJournal journal, CancellationToken cancellationToken)
    {
        var records = new List<ChangeRecord>();
        var pending = new PendingWaits();
        using var applying = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            foreach (var action in phase.Actions.Where(a => a.Type != ActionTypes.Cleanup))
            {
                // Described afresh before each action: an earlier action may have changed routes or endpoints.
                var now = await services.Discoverer.DescribeAsync(journal.Header.VpcId, applying.Token).ConfigureAwait(false);
                records.AddRange(await ChangeCatalog.For(action).ApplyAsync(Context(now, journal, phase.Name, pending), applying.Token).ConfigureAwait(false));
            }

            await pending.AllAsync().ConfigureAwait(false);
        }
        catch
        {
            // An action or a wait failed: the other waits stop, and this failure is the one the run reports and rolls back.
            await applying.CancelAsync().ConfigureAwait(false);
            await pending.SettledAsync().ConfigureAwait(false);
            throw;
        }

        foreach (var record in records)
        {
            services.Log.WriteLine($"[{phase.Name}] {record.Status}: {record.Description}");
        }

        return records;
    }

    /// <param name="vpc">The VPC before the run: its region and CIDRs go into the plan.</param>
    /// <param name="described">The VPC as described after the phase's actions: each cell's prediction is made from it.</param>
    /// <param name="clock">Told how long the transport ran, for the phase's timing; null when not measured.</param>
    public async Task<PhaseResult> ProbeAsync(PhaseDefinition phase, VpcSnapshot vpc, VpcSnapshot described, CancellationToken cancellationToken, Timing.PhaseClock? clock = null)
    {
        var actions = phase.Actions.Select(a => a.Type).ToList();
        var plan = PhasePlans.Build(scenario, phase, vpc.Region, vpc.Cidrs, null);
        if (plan.Probes.Count == 0)
        {
            return new PhaseResult(phase.Name, actions, [], []);
        }

        services.Log.WriteLine($"[{phase.Name}] running {plan.Probes.Count} probes on {targets.Count} target(s) through {services.Transport.Kind.Name()}");
        var sent = services.Time.GetTimestamp();
        var runs = await services.Transport.RunAsync([.. targets.Select(t => t.Id)], plan, cancellationToken).ConfigureAwait(false);
        clock?.TransportRan(services.Time.GetElapsedTime(sent));

        // A transport reports a cancelled agent run as data; for the run, Ctrl-C means stop and roll back now.
        cancellationToken.ThrowIfCancellationRequested();
        return new PhaseResult(phase.Name, actions, Explain.CellExplainer.Explain(MatrixBuilder.Build(phase.Name, plan, runs), plan, runs, described), runs);
    }

    private ChangeContext Context(VpcSnapshot vpc, RunJournal? journal, string phase, PendingWaits? pending = null) =>
        new(services.Ec2, vpc, targets, journal, services.Waits, services.Crash, phase) { Pending = pending };
}
