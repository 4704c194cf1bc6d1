using System.Xml.Linq;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Gateway;

/// <summary>A running instance as moto records it: what IMDS and the SSM emulation need to know.</summary>
/// <param name="Architecture">DescribeInstances' architecture (x86_64, arm64); moto takes it from the AMI.</param>
/// <param name="AgentVersion">The version of its emulated SSM Agent (<see cref="AgentVersionTag"/>, else a current 3.3.x).</param>
internal sealed record LabInstance(
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

/// <summary>
/// Reads the instances from moto (DescribeInstances) and an instance profile's role (IAM GetInstanceProfile).
/// Callers at the same moment share one read in flight: on EC2 every host answers its own instances' IMDS at
/// once, but here each answer is a moto call, and moto answers one at a time (about 150 ms for a fleet's
/// DescribeInstances on a loaded 2-core machine), so 50 agents fetching role credentials together queued 100
/// DescribeInstances behind each other, past the SDK's IMDS timeouts (no_credentials on most of the fleet). A read
/// that has ended is never reused: the next caller starts a fresh one, so an answer is never older than the one
/// read that was running when the call came.
/// </summary>
internal sealed class InstanceDirectory(MotoQueries moto)
{
    private readonly SingleFlight<IReadOnlyList<LabInstance>> _listing = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SingleFlight<string?>> _roles = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<LabInstance>> ListAsync(CancellationToken cancellationToken) => _listing.RunAsync(ReadAllAsync, cancellationToken);

    private async Task<IReadOnlyList<LabInstance>> ReadAllAsync(CancellationToken cancellationToken)
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
        return await _roles.GetOrAdd(profileName, _ => new SingleFlight<string?>())
            .RunAsync(ct => ReadRoleAsync(profileName, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> ReadRoleAsync(string profileName, CancellationToken cancellationToken)
    {
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
