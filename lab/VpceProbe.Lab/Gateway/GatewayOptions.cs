using VpceProbe.Lab.Faults;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The gateway's tunables beyond <see cref="LabContext"/>. Defaults follow AWS where AWS has a number and are
/// chosen for a quick lab where it does not.
/// </summary>
/// <param name="Faults">Faults in force from the start (tests; `lab up --faults` sets them through the control API once seeded).</param>
/// <param name="HeartbeatInterval">How often each emulated SSM agent checks that it reaches ssm, ssmmessages and ec2messages.</param>
/// <param name="ConnectionLostAfter">How long without a successful heartbeat before the ping status is ConnectionLost.</param>
/// <param name="InvocationVisibleAfter">
/// How long after SendCommand GetCommandInvocation still answers InvocationDoesNotExist: AWS creates invocations
/// asynchronously, and callers must poll past that (the AWS CLI's command-executed waiter does).
/// </param>
/// <param name="AccountId">moto's default account, used in ARNs the gateway writes.</param>
internal sealed record GatewayOptions(
    FaultSettings Faults,
    TimeSpan HeartbeatInterval,
    TimeSpan ConnectionLostAfter,
    TimeSpan InvocationVisibleAfter,
    string AccountId = "123456789012")
{
    public static GatewayOptions Default { get; } = new(FaultSettings.None, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500));
}
