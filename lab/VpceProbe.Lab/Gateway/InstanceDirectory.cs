using System.Xml.Linq;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Gateway;

/// <summary>A running instance as moto records it: what IMDS and the SSM emulation need to know.</summary>
/// <param name="Architecture">DescribeInstances' architecture (x86_64, arm64); moto takes it from the AMI.</param>
/// <param name="AgentVersion">The version of its emulated SSM Agent (<see cref="AgentVersionTag"/>, else a current 3.3.x).</param>
public sealed record LabInstance(
    string InstanceId, string? PrivateIp, string? InstanceProfileArn, string State,
    string? SubnetId = null, string Architecture = LabInstance.X86_64, string AgentVersion = SsmControlPath.DefaultLabAgentVersion)
{
    /// <summary>The instance tag a topology sets to give an instance an older (or newer) SSM Agent.</summary>
    public const string AgentVersionTag = "vpceprobe-lab:ssm-agent-version";

    public const string X86_64 = "x86_64";
    public const string Arm64 = "arm64";

    /// <summary>Its EC2 tags (SendCommand Targets by tag resolve against them).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>Reads the instances from moto (DescribeInstances) and an instance profile's role (IAM GetInstanceProfile).</summary>
public sealed class InstanceDirectory(MotoQueries moto)
{
    public async Task<IReadOnlyList<LabInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var answer = await moto.Ec2Async("DescribeInstances", [], cancellationToken).ConfigureAwait(false);
        return Ec2Xml.Named(answer, "instancesSet")
            .SelectMany(set => set.Elements().Where(e => e.Name.LocalName == "item"))
            .Select(Read)
            .ToList();
    }

    public async Task<LabInstance?> FindAsync(string instanceId, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.InstanceId == instanceId);

    /// <summary>The role inside the instance's profile, or null when it has none (IMDS then has no credentials).</summary>
    public async Task<string?> RoleNameAsync(LabInstance instance, CancellationToken cancellationToken)
    {
        if (instance.InstanceProfileArn is null)
        {
            return null;
        }

        var profileName = instance.InstanceProfileArn[(instance.InstanceProfileArn.LastIndexOf('/') + 1)..];
        try
        {
            var answer = await moto.QueryAsync("iam", "GetInstanceProfile", "2010-05-08", [new("InstanceProfileName", profileName)], cancellationToken)
                .ConfigureAwait(false);
            return Ec2Xml.Named(answer, "RoleName").FirstOrDefault()?.Value;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static LabInstance Read(XElement item)
    {
        var state = Ec2Xml.ChildElement(item, "instanceState");
        var profile = Ec2Xml.ChildElement(item, "iamInstanceProfile");
        var tags = (Ec2Xml.ChildElement(item, "tagSet")?.Elements().Where(e => e.Name.LocalName == "item") ?? []).ToList();
        var agentVersion = tags.FirstOrDefault(t => Ec2Xml.Child(t, "key") == LabInstance.AgentVersionTag) is { } tag ? Ec2Xml.Child(tag, "value") : null;
        return new LabInstance(
            Ec2Xml.Child(item, "instanceId")!,
            Ec2Xml.Child(item, "privateIpAddress"),
            profile is null ? null : Ec2Xml.Child(profile, "arn"),
            state is null ? "unknown" : Ec2Xml.Child(state, "name") ?? "unknown",
            Ec2Xml.Child(item, "subnetId"),
            Ec2Xml.Child(item, "architecture") ?? LabInstance.X86_64,
            string.IsNullOrWhiteSpace(agentVersion) ? SsmControlPath.DefaultLabAgentVersion : agentVersion.Trim())
        {
            Tags = tags.Where(t => Ec2Xml.Child(t, "key") is not null)
                .GroupBy(t => Ec2Xml.Child(t, "key")!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Ec2Xml.Child(g.First(), "value") ?? string.Empty, StringComparer.Ordinal),
        };
    }
}
