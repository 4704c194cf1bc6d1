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
/// The before/after run: preflight, confirmation, the journal, then each phase in order through the
/// <see cref="PhaseRunner"/>, then cleanup and verification. Any failure, Ctrl-C or SIGTERM after the first
/// change rolls back; the exit code says how it ended.
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
            Vpc = vpc,
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
        var runner = new PhaseRunner(services, scenario, targets);
        var planned = runner.Preview(vpc, settings.DryRun ? null : result.RunId);
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
        var outcome = await PhasesAsync(scenario, vpc, runner, journal, cancellationToken).ConfigureAwait(false);
        var exit = outcome.Cleanup.Complete ? Verdict(outcome.Phases, outcome.Error) : ExitCodes.RollbackIncomplete;
        return result with
        {
            Phases = outcome.Phases,
            Changes = outcome.Changes,
            ExitCode = exit,
            LeftBehind = outcome.Cleanup.LeftBehind(settings.RollbackCommand(result.RunId)),
            Error = outcome.Error,
            VpcAfter = outcome.Cleanup.After,
            Duration = services.Time.GetUtcNow() - started,
        };
    }

    private async Task<PhasesOutcome> PhasesAsync(
        ScenarioDefinition scenario, VpcSnapshot vpc, PhaseRunner runner, RunJournal journal, CancellationToken cancellationToken)
    {
        var phases = new List<PhaseResult>();
        var changes = new List<ChangeRecord>();
        var cleanup = new RunCleanup(new UndoContext(services.Ec2, journal, services.Waits), services.Discoverer);
        try
        {
            foreach (var phase in scenario.Phases)
            {
                var phaseStarted = services.Time.GetUtcNow();
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

                var probed = await runner.ProbeAsync(phase, vpc, cancellationToken).ConfigureAwait(false);
                phases.Add(probed with { Duration = services.Time.GetUtcNow() - phaseStarted, Vpc = picture });
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
