using System.Globalization;

namespace VpceProbe.Contract.Aws;

/// <summary>
/// Which endpoints an instance's SSM Agent needs to be managed, by its version: the one rule the lab's emulated
/// agents, the harness's preflight and audit rule VPCE003 all follow.
/// Since SSM Agent 3.3.40.0, Systems Manager delivers Run Command documents through the Amazon Message Gateway
/// Service (ssmmessages) when it can, and falls back to the Amazon Message Delivery Service (ec2messages) only
/// when it cannot (AWS Systems Manager user guide, "Reference: ec2messages, ssmmessages, and other API operations",
/// https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-setting-up-messageAPIs.html).
/// Older agents take commands from ec2messages only. An agent whose version is unknown (not managed yet, an
/// emulator without DescribeInstanceInformation) is treated as an old one: all three.
/// </summary>
public static class SsmControlPath
{
    public const string Ssm = "ssm";
    public const string SsmMessages = "ssmmessages";
    public const string Ec2Messages = "ec2messages";

    /// <summary>"ssm, ssmmessages and ec2messages": every endpoint an agent may need, as messages name them.</summary>
    public const string AllServicesText = Ssm + ", " + SsmMessages + " and " + Ec2Messages;

    /// <summary>The first agent version that takes commands through ssmmessages.</summary>
    public static Version MessageGatewayFrom { get; } = new(3, 3, 40, 0);

    /// <summary>What the lab's agents report when a topology gives no version: a current 3.3.x.</summary>
    public const string DefaultLabAgentVersion = "3.3.1142.0";

    /// <summary>Every endpoint an agent may need: what an agent of unknown version needs.</summary>
    public static IReadOnlyList<string> AllServices { get; } = [Ssm, SsmMessages, Ec2Messages];

    private static readonly IReadOnlyList<string> Current = [Ssm, SsmMessages];

    /// <summary>The endpoints an agent of <paramref name="agentVersion"/> (DescribeInstanceInformation's AgentVersion) needs.</summary>
    public static IReadOnlyList<string> RequiredServices(string? agentVersion) =>
        Parse(agentVersion) is { } version && version >= MessageGatewayFrom ? Current : AllServices;

    /// <summary>What a set of agents needs together (all three when any version is unknown or old; none for no agents).</summary>
    public static IReadOnlyList<string> RequiredServices(IEnumerable<string?> agentVersions)
    {
        var needed = agentVersions.SelectMany(RequiredServices).ToHashSet(StringComparer.Ordinal);
        return AllServices.Where(needed.Contains).ToList();
    }

    /// <summary>A dotted version such as 3.3.1142.0, or null when it is absent or not one.</summary>
    public static Version? Parse(string? agentVersion) =>
        Version.TryParse(agentVersion?.Trim(), out var version) && version.Major >= 0 ? version : null;

    /// <summary>Why an agent needs what it needs, for messages.</summary>
    public static string Explain(string? agentVersion) => Parse(agentVersion) switch
    {
        null => $"SSM Agent version unknown: {AllServicesText}",
        var v when v >= MessageGatewayFrom => string.Create(CultureInfo.InvariantCulture, $"SSM Agent {v} (>= {MessageGatewayFrom}): {Ssm} and {SsmMessages}"),
        var v => string.Create(CultureInfo.InvariantCulture, $"SSM Agent {v} (< {MessageGatewayFrom}): {AllServicesText}"),
    };
}
