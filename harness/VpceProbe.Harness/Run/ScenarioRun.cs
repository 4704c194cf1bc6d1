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
internal sealed record RunServices(
    Amazon.EC2.IAmazonEC2 Ec2, VpcDiscoverer Discoverer, IAgentTransport Transport, TimeProvider Time, ResourceWaits Waits, CrashHook Crash, TextWriter Log,
    Func<IReadOnlyList<ChangeRecord>, bool> Confirm);

/// <summary>
/// The before/after run: preflight, confirmation, the VPC's lease, the journal, then each phase in order through
/// the <see cref="PhaseRunner"/>, then cleanup and verification. A phase before the first change that fails stops
/// the run before anything changes. Any exception after the journal exists rolls back; the exit code and the
/// run's <see cref="RunError"/> say how it ended.
/// </summary>
internal sealed class ScenarioRun(RunServices services, RunSettings settings)
{
    public async Task<RunResult> RunAsync(ScenarioDefinition scenario, string vpcId, CancellationToken cancellationToken)
    {
        var started = services.Time.GetUtcNow();
        var vpc = await services.Discoverer.DescribeAsync(vpcId, cancellationToken).ConfigureAwait(false);
        var targets = TargetSelection.Select(scenario, vpc, requireSsm: services.Transport.Kind == TransportKind.Ssm);
        var result = new RunResult
        {
            RunId = NewRunId(started),
            Scenario = scenario.Name,
            VpcId = vpcId,
            Transport = services.Transport.Kind.Name(),
            Backend = settings.EndpointUrl is null ? "aws" : $"endpoint {settings.EndpointUrl}",
            StartedAt = started,
            Vpc = vpc,
        };

        var input = new PreflightInput(scenario, vpc, targets, services.Transport.Kind);
        // The three checks ask different services and none changes anything: asked at once, their findings in this order.
        var endpointServices = EndpointServicesCheck.RunAsync(services.Ec2, scenario, vpc.Region, cancellationToken);
        var ec2Permissions = PermissionsCheck.RunAsync(services.Ec2, input, cancellationToken);
        var transportPermissions = services.Transport is IPermissionPreflight transport
            ? transport.CheckPermissionsAsync(input, cancellationToken)
            : Task.FromResult<IReadOnlyList<PreflightFinding>>([]);
        await Task.WhenAll(endpointServices, ec2Permissions, transportPermissions).ConfigureAwait(false);
        var findings = PreflightChecks.Run(input).Concat(endpointServices.Result).Concat(ec2Permissions.Result).Concat(transportPermissions.Result).ToList();
        foreach (var finding in findings)
        {
            services.Log.WriteLine($"preflight: {(finding.Refuse ? "REFUSED" : "note")}: {finding.Message}");
        }

        if (findings.Any(f => f.Refuse))
        {
            return result with { ExitCode = ExitCodes.Usage, Duration = services.Time.GetUtcNow() - started };
        }

        services.Log.WriteLine($"targets: {string.Join(", ", targets.Select(t => $"{t.Id} ({t.AvailabilityZone})"))}");
        services.Log.WriteLine(settings.ProceedOnFailedBaseline
            ? "baseline: --proceed-on-failed-baseline: the change goes ahead even if a phase before it fails"
            : "baseline: a phase before the first change that fails or brings back no report stops the run before any change");
        var runner = new PhaseRunner(services, scenario, targets);
        var planned = runner.Preview(vpc, settings.DryRun ? null : result.RunId);
        var predicted = settings.DryRun ? runner.Predict(vpc) : null;
        if (predicted is not null)
        {
            Explain.PredictedMatrix.Write(predicted, services.Log);
        }

        if (settings.DryRun || !services.Confirm(planned))
        {
            // Dry run: the plan is the result. Not confirmed: nothing was changed, as for any usage refusal.
            return result with
            {
                RunId = settings.DryRun ? "dry-run" : result.RunId,
                Changes = planned,
                Predicted = predicted,
                ExitCode = settings.DryRun ? ExitCodes.Success : ExitCodes.Usage,
                Duration = services.Time.GetUtcNow() - started,
            };
        }

        var lease = new VpcLease(services.Ec2, services.Time, vpcId, result.RunId);
        if (await lease.AcquireAsync(cancellationToken).ConfigureAwait(false) is { } other)
        {
            services.Log.WriteLine($"REFUSED: {other}; nothing was changed");
            return result with { ExitCode = ExitCodes.Usage, Duration = services.Time.GetUtcNow() - started };
        }

        await using (lease.ConfigureAwait(false))
        {
            var journal = RunJournal.Create(
                settings.OutputDir,
                new RunHeader(result.RunId, scenario.Name, vpcId, vpc.Region, settings.EndpointUrl, settings.Profile, BaselineCheck.Capture(vpc)),
                services.Time);
            services.Log.WriteLine($"run {result.RunId}: journal {journal.Path}");
            var outcome = await PhasesAsync(scenario, vpc, runner, journal, cancellationToken).ConfigureAwait(false);
            var kept = outcome.Cleanup.Kept;
            var error = outcome.Cleanup.Complete ? outcome.Error
                : new RunError(RunErrorKind.RollbackIncomplete, $"rollback incomplete{(outcome.Error is null ? "" : $" after: {outcome.Error.Message}")}; finish with: {settings.RollbackCommand(result.RunId)}");
            if (outcome.Cleanup.Complete)
            {
                await lease.ReleaseAsync().ConfigureAwait(false);
            }

            return result with
            {
                Phases = outcome.Phases,
                Changes = outcome.Changes,
                ExitCode = outcome.Cleanup.Complete ? ExitVerdict.For(outcome.Phases, outcome.Error) : ExitCodes.RollbackIncomplete,
                LeftBehind = outcome.Cleanup.LeftBehind(settings.RollbackCommand(result.RunId)),
                Error = error,
                Kept = kept.Count == 0 ? null : kept,
                Changed = true,
                VpcAfter = outcome.Cleanup.After,
                Duration = services.Time.GetUtcNow() - started,
                Timing = Timing.RunTiming.Of(outcome.Phases, services.Log),
            };
        }
    }

    private async Task<PhasesOutcome> PhasesAsync(
        ScenarioDefinition scenario, VpcSnapshot vpc, PhaseRunner runner, RunJournal journal, CancellationToken cancellationToken)
    {
        var phases = new List<PhaseResult>();
        var changes = new List<ChangeRecord>();
        var undo = new UndoContext(services.Ec2, journal, services.Waits, new UndoRetry(services.Time, settings.UndoBound), services.Log);
        var cleanup = new RunCleanup(undo, services.Discoverer);
        // The VPC as last described: the probes of a phase that changed nothing run against the previous picture.
        var described = vpc;
        try
        {
            for (var i = 0; i < scenario.Phases.Count; i++)
            {
                var phase = scenario.Phases[i];
                var phaseStarted = services.Time.GetUtcNow();
                var clock = new Timing.PhaseClock(services.Time, services.Waits, services.Transport);
                VpcSnapshot? picture = null;
                var cleanupAction = phase.Actions.FirstOrDefault(a => a.Type == ActionTypes.Cleanup);
                if (cleanupAction is not null)
                {
                    var done = await cleanup.RunAsync(phase.Name, cleanupAction.Keep, cancellationToken).ConfigureAwait(false);
                    changes.AddRange(done.Rollback.Records);
                    picture = done.After;
                    if (!done.Complete)
                    {
                        return new(phases, changes, done, null);
                    }
                }

                var applied = await runner.ApplyAsync(phase, journal, cancellationToken).ConfigureAwait(false);
                changes.AddRange(applied);

                // One Describe after a phase that changed something: the HTML report draws what the probes really ran
                // against (the ENIs and prefix-list routes AWS made), which the journal alone does not know.
                if (applied.Any(r => r.Status == ChangeStatus.Applied))
                {
                    picture = await services.Discoverer.DescribeAsync(vpc.VpcId, cancellationToken).ConfigureAwait(false);
                }

                clock.ChangesApplied();
                described = picture ?? described;
                var probed = await runner.ProbeAsync(phase, vpc, described, cancellationToken, clock).ConfigureAwait(false);
                var timing = clock.Finish(probed.Runs);
                services.Log.WriteLine($"[{phase.Name}] time {timing.Line()}");
                phases.Add(probed with { Duration = services.Time.GetUtcNow() - phaseStarted, Vpc = picture, Timing = timing });
                if (BaselineGate(scenario, i, probed, journal) is { } stop)
                {
                    services.Log.WriteLine($"STOPPED: {stop.Message}");
                    return new(phases, changes, CleanupOutcome.NothingToDo, stop);
                }
            }
        }
        catch (Exception e)
        {
            // Any exception, whatever its type: once a change may have been made, the VPC must be given back.
            // The undo runs with a token nobody cancels: Ctrl-C must not stop it.
            var error = RunErrors.From(e, cancellationToken.IsCancellationRequested);
            services.Log.WriteLine($"run stopped ({error.Message}); rolling back from the journal");
            var undone = await cleanup.RunAsync("rollback", keepCreated: false, CancellationToken.None).ConfigureAwait(false);
            changes.AddRange(undone.Rollback.Records);
            return new(phases, changes, undone, error);
        }

        var finalCleanup = journal.Entries.Any(e => e.Type == JournalEntryTypes.Verified)
            ? CleanupOutcome.Done(journal)
            : await cleanup.RunAsync("cleanup", keepCreated: false, CancellationToken.None).ConfigureAwait(false);
        changes.AddRange(finalCleanup.Rollback.Records);
        return new(phases, changes, finalCleanup, null);
    }

    /// <summary>
    /// A phase run before the first change that did not pass (an unmet expectation, an agent run without a report)
    /// stops the run there: a change whose "before" is unknown proves nothing, and the cut may strand the targets.
    /// </summary>
    private RunError? BaselineGate(ScenarioDefinition scenario, int index, PhaseResult probed, RunJournal journal)
    {
        var changesLater = scenario.Phases.Skip(index + 1).Any(p => p.Actions.Any(a => a.Type != ActionTypes.Cleanup));
        if (probed.Pass || settings.ProceedOnFailedBaseline || !changesLater || journal.Entries.Any(e => e.Type == JournalEntryTypes.Intent))
        {
            return null;
        }

        var noReport = probed.Runs.Where(r => r.Status != AgentRunStatus.Completed).Select(r => $"{r.InstanceId}: {r.Error ?? r.Status.ToString()}").ToList();
        var why = noReport.Count > 0
            ? $"no agent report from {string.Join("; ", noReport)}"
            : $"{probed.Cells.Count(c => !c.Pass)} check(s) not met";
        return new RunError(RunErrorKind.BaselineFailed,
            $"phase '{probed.Name}' before the first change failed ({why}); nothing was changed (--proceed-on-failed-baseline to change the VPC anyway)");
    }

    private static string NewRunId(DateTimeOffset now) =>
        $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";

    private sealed record PhasesOutcome(List<PhaseResult> Phases, List<ChangeRecord> Changes, CleanupOutcome Cleanup, RunError? Error);
}
