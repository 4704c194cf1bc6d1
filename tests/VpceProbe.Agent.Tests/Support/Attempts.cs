using System.Net;
using VpceProbe.Agent.Probes;

namespace VpceProbe.Agent.Tests.Support;

/// <summary>Runs one probe attempt the way the runner does: its own timeout through the token, and AttemptTimedOut telling whose clock fired.</summary>
internal static class Attempts
{
    public static async Task<ProbeAttempt> RunAsync(IProbe probe, TimeSpan? timeout = null, IReadOnlyList<IPNetwork>? privateRanges = null)
    {
        var budget = timeout ?? TimeSpan.FromSeconds(10);
        using var cts = new CancellationTokenSource(budget);
        var context = new ProbeContext
        {
            Time = TimeProvider.System,
            Timeout = budget,
            PrivateRanges = privateRanges ?? PrivateRanges.Default,
            AttemptTimedOut = () => cts.IsCancellationRequested,
        };
        return await probe.RunAsync(context, cts.Token);
    }
}
