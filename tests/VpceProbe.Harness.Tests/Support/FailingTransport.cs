using VpceProbe.Contract;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>A transport that runs the inner one, except on its Nth call (1-based), where it does what <see cref="OnCall"/> says.</summary>
internal sealed class FailingTransport(IAgentTransport inner, int failOnCall, Func<IReadOnlyList<string>, Task<IReadOnlyList<AgentRun>>> onCall) : IAgentTransport
{
    private int _calls;

    public TransportKind Kind => inner.Kind;

    public Func<IReadOnlyList<string>, Task<IReadOnlyList<AgentRun>>> OnCall { get; } = onCall;

    public async Task<IReadOnlyList<AgentRun>> RunAsync(IReadOnlyList<string> instanceIds, ProbePlan plan, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) == failOnCall
            ? await OnCall(instanceIds)
            : await inner.RunAsync(instanceIds, plan, cancellationToken);
}
