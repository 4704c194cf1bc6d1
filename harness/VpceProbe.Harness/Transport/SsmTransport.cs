using VpceProbe.Contract;
using VpceProbe.Harness.Deploy;
using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// Runs the agent through SSM Run Command: `/var/lib/vpceprobe/agent/SHA256/vpceprobe-agent --plan-base64 PLAN`,
/// one plain command per SendCommand (instances grouped by the agent build they run, 50 at most per call), and
/// reads each report from GetCommandInvocation, or from S3 when it could exceed 24,000 characters.
/// </summary>
internal sealed class SsmTransport(SsmCommandRunner runner, AgentInstallations installations) : IAgentTransport
{
    /// <summary>What one probe's result takes in the report, generously (a dns probe with several answers, a detail line).</summary>
    internal const int ReportCharsPerProbe = 600;

    internal const int ReportCharsFixed = 1_500;

    // Past the agent's own deadline, time for the process to start and print.
    private static readonly TimeSpan ExecutionSlack = TimeSpan.FromSeconds(30);

    public TransportKind Kind => TransportKind.Ssm;

    public async Task<IReadOnlyList<AgentRun>> RunAsync(IReadOnlyList<string> instanceIds, ProbePlan plan, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, AgentRun>(StringComparer.Ordinal);
        foreach (var id in instanceIds.Where(id => installations.For(id) is not { Ready: true }))
        {
            runs[id] = new AgentRun(id, AgentRunStatus.Failed, null, null, installations.For(id)?.Error ?? AgentRuns.NotDeployed);
        }

        var planBase64 = PlanReader.ToBase64(plan);
        var groups = instanceIds.Where(id => !runs.ContainsKey(id)).Distinct(StringComparer.Ordinal).GroupBy(id => installations.For(id)!.RemotePath!);
        var sent = groups.Select(async group =>
        {
            var command = new SsmCommand(
                PlainCommand.Of(group.Key, "--plan-base64", planBase64), ExecutionTimeout(plan), "vpceprobe: agent run", MayExceedStdoutLimit(plan), DueWithin(plan));
            var invocations = await runner.RunAsync([.. group], command, cancellationToken).ConfigureAwait(false);
            return invocations.Select(i => AgentRuns.From(i, group.Key));
        });
        foreach (var run in (await Task.WhenAll(sent).ConfigureAwait(false)).SelectMany(r => r))
        {
            runs[run.InstanceId] = run;
        }

        return [.. instanceIds.Select(id => runs[id])];
    }

    /// <summary>
    /// Whether the report could pass GetCommandInvocation's 24,000-character cut. Only then is S3 output asked
    /// for: the instance uploads it itself, which fails in the very phases where it cannot reach S3.
    /// </summary>
    internal static bool MayExceedStdoutLimit(ProbePlan plan) =>
        ReportCharsFixed + (plan.Probes.Count * ReportCharsPerProbe) > SsmOptions.StdoutLimit * 3 / 4;

    internal static TimeSpan ExecutionTimeout(ProbePlan plan) => Deadline(plan) + ExecutionSlack;

    /// <summary>The agent stops at the plan's deadline: its report is due by then, plus a moment for SSM to deliver it.</summary>
    internal static TimeSpan DueWithin(ProbePlan plan) => Deadline(plan) + TimeSpan.FromSeconds(5);

    private static TimeSpan Deadline(ProbePlan plan) => Duration.TryParse(plan.Deadline, out var deadline) ? deadline : ProbePlan.DefaultDeadline;
}
