using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// An instance whose emulated SSM agent has reached SSM at least once (so it is a managed node, listed by
/// DescribeInstanceInformation) and what its last heartbeat found.
/// </summary>
/// <param name="AgentVersion">Reported as DescribeInstanceInformation's AgentVersion; decides the endpoints it needs (<see cref="SsmControlPath"/>).</param>
internal sealed record ManagedNode(
    string InstanceId, string Namespace, string? IpAddress, DateTimeOffset LastPing, PingStatus PingStatus, DateTimeOffset RegisteredAt,
    string AgentVersion = SsmControlPath.DefaultLabAgentVersion)
{
    public bool IsOnline => PingStatus == PingStatus.Online;

    /// <summary>DescribeInstances' architecture: arm64 instances run arm64 programs under qemu (<see cref="AgentCommandEnvironment"/>).</summary>
    public string Architecture { get; init; } = Gateway.LabInstance.X86_64;

    /// <summary>The instance's EC2 tags, for SendCommand Targets by tag.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
