namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>
/// Which endpoints an SSM agent needs. Agents from 3.3.40.0 reach Systems Manager through ssmmessages alone and no
/// longer need ec2messages; older ones need it. An unknown version needs all three, since we cannot tell.
/// (https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-setting-up-messageAPIs.html)
/// The same rule is being written for preflight and audit on another branch: keep one of the two at merge.
/// </summary>
public static class SsmAgentVersion
{
    public static readonly Version FirstWithoutEc2Messages = new(3, 3, 40, 0);

    public static bool NeedsEc2Messages(string? agentVersion) =>
        !Version.TryParse(agentVersion, out var version) || version < FirstWithoutEc2Messages;

    /// <summary>The services the agent's control path needs, in the order people name them.</summary>
    public static IReadOnlyList<string> ControlServices(string? agentVersion) =>
        NeedsEc2Messages(agentVersion) ? ["ssm", "ssmmessages", "ec2messages"] : ["ssm", "ssmmessages"];
}
