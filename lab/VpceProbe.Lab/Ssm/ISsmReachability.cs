using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// Whether an instance's SSM agent reaches the endpoints it needs (<see cref="SsmControlPath"/>: ssm and
/// ssmmessages, plus ec2messages for agents older than 3.3.40.0) from inside its namespace, through whatever the
/// VPC carries right now. The one heartbeat check of the fleet.
/// </summary>
internal interface ISsmReachability
{
    /// <summary>A new heartbeat round: what holds for a whole round (the resolver's answers in a subnet) is asked again once.</summary>
    void StartRound();

    Task<bool> ReachesSsmAsync(SsmHeartbeatTarget target, CancellationToken cancellationToken);
}

/// <param name="Namespace">The instance's namespace.</param>
/// <param name="SubnetId">Its subnet: instances of one subnet share the resolver's answers within a round.</param>
/// <param name="Services">The endpoints its agent needs (short names: ssm, ssmmessages, ec2messages).</param>
internal sealed record SsmHeartbeatTarget(string Namespace, string? SubnetId, IReadOnlyList<string> Services);
