namespace VpceProbe.Lab.Ssm;

/// <summary>
/// An emulated managed node's SSM PingStatus, spelled as DescribeInstanceInformation spells it (the name is the
/// wire value). The lab serves SSM without the SSM SDK, so this is its one vocabulary for it; AWS's third value,
/// Inactive, is not listed: the lab never reports it.
/// </summary>
internal enum PingStatus
{
    /// <summary>The agent's last heartbeat reached every endpoint it needs, or came within ConnectionLostAfter.</summary>
    Online,

    /// <summary>No heartbeat has reached SSM for ConnectionLostAfter.</summary>
    ConnectionLost,
}
