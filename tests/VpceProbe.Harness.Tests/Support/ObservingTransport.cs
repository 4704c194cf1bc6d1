using VpceProbe.Contract;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// Wraps a transport and describes the VPC each time the agent is about to run: the state each phase's
/// probes saw, so a test can assert every AWS-side change, not only the state at the end.
/// </summary>
internal sealed class ObservingTransport(IAgentTransport inner, Func<Task<VpcSnapshot>> describe) : IAgentTransport
{
    public List<VpcSnapshot> Seen { get; } = [];

    public TransportKind Kind => inner.Kind;

    public async Task<IReadOnlyList<AgentRun>> RunAsync(IReadOnlyList<string> instanceIds, ProbePlan plan, CancellationToken cancellationToken)
    {
        Seen.Add(await describe());
        return await inner.RunAsync(instanceIds, plan, cancellationToken);
    }
}
