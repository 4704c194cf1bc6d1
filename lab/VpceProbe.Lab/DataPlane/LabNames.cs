using System.Text.RegularExpressions;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// Every name the lab gives to things outside its own process: namespaces and /etc/netns entries carry the
/// prefix vpl-NAME-, so `lab down` finds everything from the name alone (also after a crash) and two labs coexist.
/// Interface names need no prefix: links are only ever created inside lab namespaces.
/// </summary>
internal sealed partial record LabNames(string Lab)
{
    public const string DefaultLab = "lab";

    public string Prefix => $"vpl-{Lab}-";

    /// <summary>The VPC router: subnet bridges, policy routing, endpoint ENIs, the VPC resolver.</summary>
    public string Router => Prefix + "vpc";

    /// <summary>A NAT gateway's namespace: vpl-NAME-nat-ID (the id without its nat- prefix).</summary>
    public string NatGateway(string natGatewayId) => Prefix + "nat-" + (natGatewayId.StartsWith("nat-", StringComparison.Ordinal) ? natGatewayId[4..] : natGatewayId);

    public string Internet => Prefix + "inet";

    public string Instance(string instanceId) => Prefix + instanceId;

    public string StateDirectory => Path.Combine("/run/vpceprobe-lab", Lab);

    /// <summary>Short lowercase names only: they end up in namespace names and paths.</summary>
    public static bool IsValid(string lab) => LabNamePattern().IsMatch(lab);

    [GeneratedRegex("^[a-z0-9]{1,12}$")]
    private static partial Regex LabNamePattern();
}
