namespace VpceProbe.Lab.Ssm;

/// <summary>
/// Whether an instance's SSM agent reaches the three endpoints it needs (ssm, ssmmessages, ec2messages) from
/// inside its namespace, through whatever the VPC carries right now. The one heartbeat check of the fleet.
/// </summary>
public interface ISsmReachability
{
    Task<bool> ReachesSsmAsync(string namespaceName, CancellationToken cancellationToken);
}
