using Amazon.Runtime;
using VpceProbe.Contract;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Changes.Undo;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Preflight;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Transport;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Run;

/// <summary>What a run needs from outside: AWS, the agent transport, time, waits and where to write.</summary>
public sealed record RunServices(
    Amazon.EC2.IAmazonEC2 Ec2, VpcDiscoverer Discoverer, IAgentTransport Transport, TimeProvider Time, ResourceWaits Waits, CrashHook Crash, TextWriter Log,
    Func<IReadOnlyList<ChangeRecord>, bool> Confirm);

/// <summary>
/// The before/after run: preflight, then each phase in order (apply its actions, run the agent, record the
/// matrix), then cleanup and verification. Any failure, Ctrl-C or SIGTERM after the first change rolls back.
/// </summary>
public sealed class ScenarioRun(RunServices services, RunSettings settings)
{
    public async Task<RunResult> RunAsync(ScenarioDefinition scenario, string vpcId, CancellationToken cancellationToken)
    {
        var started = services.Time.GetUtcNow();
        var vpc = await services.Discoverer.DescribeAsync(vpcId, cancellationToken).ConfigureAwait(false);
        var targets = TargetSelection.Select(scenario, vpc, requireSsm: services.Transport.Name == "ssm");
        var result = new RunResult
        {
            RunId = NewRunId(started),
            Scenario = scenario.Name,
            VpcId = vpcId,
            Transport = services.Transport.Name,
            Backend = settings.EndpointUrl is null ? "aws" : $"endpoint {settings.EndpointUrl}",
            StartedAt = started,
        };

        var findings = PreflightChecks.Run(new PreflightInput(scenario, vpc, targets, services.Transport.Name));
        foreach (var finding in findings)
        {
            services.Log.WriteLine($"preflight: {(finding.Refuse ? "REFUSED" : "note")}: {finding.Message}");
        }

        if (findings.Any(f => f.Refuse))
        {
            return result with { ExitCode = ExitCodes.Usage, Duration = services.Time.GetUtcNow() - started };
        }

        services.Log.WriteLine($"targets: {string.Join(", ", targets.Select(t => $"{t.Id} ({t.AvailabilityZone})"))}");
        var planned = scenario.Phases.SelectMany(p => p.Actions.Where(a => a.Type != ActionTypes.Cleanup)
            .SelectMany(a => ChangeCatalog.For(a).Preview(Context(vpc, targets, null, p.Name)))).ToList();
        if (settings.DryRun || !services.Confirm(planned))
        {
            // Dry run: the plan is the result. Not confirmed: nothing was changed, as for any usage refusal.
            return result with
            {
                RunId = settings.DryRun ? "dry-run" : result.RunId,
                Changes = planned,
                ExitCode = settings.DryRun ? ExitCodes.Success : ExitCodes.Usage,
                Duration = services.Time.GetUtcNow() - started,
            };
        }

        var journal = RunJournal.Create(
            settings.OutputDir,
            new RunHeader(result.RunId, scenario.Name, vpcId, vpc.Region, settings.EndpointUrl, settings.Profile, BaselineCheck.Capture(vpc)),
            services.Time);
        services.Log.WriteLine($"run {result.RunId}: journal {journal.Path}");
        var outcome = await PhasesAsync(scenario, vpc, targets, journal, cancellationToken).ConfigureAwait(false);
        var exit = outcome.Cleanup.Complete ? Verdict(outcome.Phases, outcome.Error) : ExitCodes.RollbackIncomplete;
        return result with
        {
            Phases = outcome.Phases,
            Changes = outcome.Changes,
            ExitCode = exit,
            LeftBehind = outcome.Cleanup.LeftBehind(settings.RollbackCommand(result.RunId)),
            Duration = services.Time.GetUtcNow() - started,
        };
    }

    private async Task<PhasesOutcome> PhasesAsync(
        ScenarioDefinition scenario, VpcSnapshot vpc, IReadOnlyList<InstanceInfo> targets, RunJournal journal, CancellationToken cancellationToken)
    {
        var phases = new List<PhaseResult>();
        var changes = new List<ChangeRecord>();
        var cleanup = new RunCleanup(new UndoContext(services.Ec2, journal, services.Waits), services.Discoverer);
        try
        {
            foreach (var phase in scenario.Phases)
            {
                var cleanupAction = phase.Actions.FirstOrDefault(a => a.Type == ActionTypes.Cleanup);
                if (cleanupAction is not null)
                {
                    var done = await cleanup.RunAsync(phase.Name, cleanupAction.Keep, cancellationToken).ConfigureAwait(false);
                    changes.AddRange(done.Rollback.Records);
                    if (!done.Complete)
                    {
                        return new(phases, changes, done, null);
                    }
                }

                changes.AddRange(await ApplyAsync(phase, targets, journal, cancellationToken).ConfigureAwait(false));
                phases.Add(await ProbeAsync(scenario, phase, vpc, targets, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or WaitTimedOutException or OperationCanceledException)
        {
            // Roll back whatever the cause, with a token nobody cancels: Ctrl-C must not stop the undo.
            services.Log.WriteLine($"run stopped ({Describe(e)}); rolling back from the journal");
            var undone = await cleanup.RunAsync("rollback", keepCreated: false, CancellationToken.None).ConfigureAwait(false);
            changes.AddRange(undone.Rollback.Records);
            return new(phases, changes, undone, Describe(e));
        }

        var finalCleanup = journal.Entries.Any(e => e.Type == JournalEntryTypes.Verified)
            ? new CleanupOutcome(new RollbackResult([], []), [])
            : await cleanup.RunAsync("cleanup", keepCreated: false, CancellationToken.None).ConfigureAwait(false);
        changes.AddRange(finalCleanup.Rollback.Records);
        return new(phases, changes, finalCleanup, null);
    }

    private async Task<IReadOnlyList<ChangeRecord>> ApplyAsync(
        PhaseDefinition phase, IReadOnlyList<InstanceInfo> targets, RunJournal journal, CancellationToken cancellationToken)
    {
        var records = new List<ChangeRecord>();
        foreach (var action in phase.Actions.Where(a => a.Type != ActionTypes.Cleanup))
        {
            // Described afresh before each action: an earlier action may have changed routes or endpoints.
            var now = await services.Discoverer.DescribeAsync(journal.Header.VpcId, cancellationToken).ConfigureAwait(false);
            var applied = await ChangeCatalog.For(action).ApplyAsync(Context(now, targets, journal, phase.Name), cancellationToken).ConfigureAwait(false);
            foreach (var record in applied)
            {
                services.Log.WriteLine($"[{phase.Name}] {record.Status}: {record.Description}");
            }

            records.AddRange(applied);
        }

        return records;
    }

    private async Task<PhaseResult> ProbeAsync(
        ScenarioDefinition scenario, PhaseDefinition phase, VpcSnapshot vpc, IReadOnlyList<InstanceInfo> targets, CancellationToken cancellationToken)
    {
        var actions = phase.Actions.Select(a => a.Type).ToList();
        var plan = PhasePlans.Build(scenario, phase, vpc.Region, vpc.Cidrs, null);
        if (plan.Probes.Count == 0)
        {
            return new PhaseResult(phase.Name, actions, [], []);
        }

        services.Log.WriteLine($"[{phase.Name}] running {plan.Probes.Count} probes on {targets.Count} target(s) through {services.Transport.Name}");
        var runs = await services.Transport.RunAsync([.. targets.Select(t => t.Id)], plan, cancellationToken).ConfigureAwait(false);

        // A transport reports a cancelled agent run as data; for the run, Ctrl-C means stop and roll back now.
        cancellationToken.ThrowIfCancellationRequested();
        return new PhaseResult(phase.Name, actions, MatrixBuilder.Build(phase.Name, plan, runs), runs);
    }

    private ChangeContext Context(VpcSnapshot vpc, IReadOnlyList<InstanceInfo> targets, RunJournal? journal, string phase) =>
        new(services.Ec2, vpc, targets, journal, services.Waits, services.Crash, phase);

    private static int Verdict(IReadOnlyList<PhaseResult> phases, string? error) =>
        error is not null || phases.Any(p => p.Runs.Any(r => r.Status != AgentRunStatus.Completed))
            ? ExitCodes.Infrastructure
            : phases.All(p => p.Pass) ? ExitCodes.Success : ExitCodes.ExpectationFailed;

    private static string Describe(Exception e) => e switch
    {
        AmazonServiceException a => $"AWS error {a.ErrorCode}: {a.Message}",
        AmazonClientException or HttpRequestException => $"could not reach AWS: {e.Message}",
        IOException => $"could not write the journal: {e.Message}",
        OperationCanceledException => "interrupted (Ctrl-C or SIGTERM)",
        _ => e.Message,
    };

    private static string NewRunId(DateTimeOffset now) =>
        $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";

    private sealed record PhasesOutcome(List<PhaseResult> Phases, List<ChangeRecord> Changes, CleanupOutcome Cleanup, string? Error);
}
