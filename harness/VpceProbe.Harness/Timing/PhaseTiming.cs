using System.Globalization;

namespace VpceProbe.Harness.Timing;

/// <summary>
/// Where one phase's time went, in milliseconds (report.json, per phase, and the run's sum). The parts add up to
/// <see cref="TotalMs"/>: applying changes (EC2 calls and the Describe after), waiting for AWS (endpoint available,
/// route propagation, dependency retries), deploying the agent, in the agent (the slowest instance's own report),
/// waiting for the transport beyond the agent (SSM delivery and pick-up; process start-up for the local
/// transport), and the harness's own work (plans, matrix, journal).
/// </summary>
internal sealed record PhaseTiming(
    long TotalMs, long ApplyingChangesMs, long WaitingForAwsMs, long DeployingAgentMs, long InAgentMs, long WaitingForSsmMs, long HarnessMs,
    IReadOnlyDictionary<string, int>? SsmCalls = null)
{
    public static PhaseTiming Sum(IEnumerable<PhaseTiming> phases)
    {
        var all = phases.ToList();
        var calls = all.SelectMany(p => p.SsmCalls ?? new Dictionary<string, int>()).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        return new PhaseTiming(
            all.Sum(p => p.TotalMs), all.Sum(p => p.ApplyingChangesMs), all.Sum(p => p.WaitingForAwsMs), all.Sum(p => p.DeployingAgentMs),
            all.Sum(p => p.InAgentMs), all.Sum(p => p.WaitingForSsmMs), all.Sum(p => p.HarnessMs), calls.Count == 0 ? null : new SortedDictionary<string, int>(calls, StringComparer.Ordinal));
    }

    /// <summary>"4.1 s: changes 0.3, AWS waits 1.2, agent deploy 0.0, agent 0.8, SSM beyond the agent 0.7, harness 0.1; SSM calls 1 SendCommand, 4 ListCommandInvocations".</summary>
    public string Line()
    {
        var calls = SsmCalls is { Count: > 0 } c ? $"; SSM calls {string.Join(", ", c.Select(kv => $"{kv.Value} {kv.Key}"))}" : "";
        return $"{S(TotalMs)} s: changes {S(ApplyingChangesMs)}, AWS waits {S(WaitingForAwsMs)}, agent deploy {S(DeployingAgentMs)}, "
            + $"agent {S(InAgentMs)}, SSM beyond the agent {S(WaitingForSsmMs)}, harness {S(HarnessMs)}{calls}";
    }

    private static string S(long ms) => (ms / 1000.0).ToString("0.0", CultureInfo.InvariantCulture);
}
