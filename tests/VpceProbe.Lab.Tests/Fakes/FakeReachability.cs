using System.Collections.Concurrent;
using VpceProbe.Lab.Ssm;

namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>The SSM heartbeat check, set by the test per namespace (unreachable unless told otherwise).</summary>
internal sealed class FakeReachability : ISsmReachability
{
    private readonly ConcurrentDictionary<string, bool> _reachable = new(StringComparer.Ordinal);

    public void Set(string namespaceName, bool reachable) => _reachable[namespaceName] = reachable;

    public void StartRound()
    {
    }

    public Task<bool> ReachesSsmAsync(SsmHeartbeatTarget target, CancellationToken cancellationToken) =>
        Task.FromResult(_reachable.TryGetValue(target.Namespace, out var r) && r);
}
