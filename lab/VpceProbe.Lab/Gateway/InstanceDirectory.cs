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
    private readonly BatchedReads<string, LabInstance> _byId = new((ids, ct) => ReadSomeAsync(moto, ids, ct));

    private readonly SingleFlight<IReadOnlyList<LabInstance>> _listing = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SingleFlight<string?>> _roles = new(StringComparer.Ordinal);

    // Terminated instances stay in moto's answers for good: a shared lab that ran the 50-instance fleet, then other
    // topologies, rendered every one of them in each heartbeat's and each IMDS request's read. No caller wants them
    // (IMDS and SSM serve only live instances; one that left these states is a silent agent either way).
    private static readonly KeyValuePair<string, string>[] LiveStates =
    [
        new("Filter.1.Name", "instance-state-name"),
        new("Filter.1.Value.1", "pending"),
        new("Filter.1.Value.2", "running"),
        new("Filter.1.Value.3", "stopping"),
        new("Filter.1.Value.4", "stopped"),
    ];

    public Task<IReadOnlyList<LabInstance>> ListAsync(CancellationToken cancellationToken) => _listing.RunAsync(ReadAllAsync, cancellationToken);

    private async Task<IReadOnlyList<LabInstance>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var answer = await moto.Ec2Async("DescribeInstances", LiveStates, cancellationToken).ConfigureAwait(false);
        return Items(answer).ToList();
    }

    private static IEnumerable<LabInstance> Items(System.Xml.Linq.XElement answer) =>
        Ec2Xml.Named(answer, "instancesSet").SelectMany(set => set.Elements().Where(e => e.Name.LocalName == "item")).Select(Read);

    /// <summary>
    /// One instance (IMDS): read with the others asked for at the same moment, by their ids (<see cref="BatchedReads{TKey, TItem}"/>).
    /// The whole listing of a 50-instance lab took 0.3-0.4 s on a loaded machine and a caller could wait out two of
    /// them, twice per credentials fetch: the first agents of a fleet spent their 5 s sts probe getting credentials
    /// (connected to STS, then timed out). Filtered by id, moto answers a few kilobytes.
    /// </summary>
    public Task<LabInstance?> FindAsync(string instanceId, CancellationToken cancellationToken) => _byId.ReadAsync(instanceId, cancellationToken);

    private static async Task<IReadOnlyDictionary<string, LabInstance>> ReadSomeAsync(MotoQueries moto, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        // A filter, not InstanceId.N: moto refuses the whole call when one of the ids is unknown.
        var filter = instanceIds.Select((id, i) => new KeyValuePair<string, string>($"Filter.1.Value.{i + 1}", id)).Prepend(new("Filter.1.Name", "instance-id"));
        var answer = await moto.Ec2Async("DescribeInstances", filter, cancellationToken).ConfigureAwait(false);
        return Items(answer).GroupBy(i => i.InstanceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

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
