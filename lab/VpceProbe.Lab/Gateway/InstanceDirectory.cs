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
/// Reads the instances from moto (DescribeInstances) and an instance profile's role (IAM GetInstanceProfile), and
/// keeps what it read while nothing can have changed it. Instances and roles change only through EC2 and IAM calls,
/// and every such call reaches moto through the gateway's <see cref="MotoForwarder"/>, which tells <see cref="Answered"/>
/// once moto has answered and before its caller sees the answer; a read made before that is never used again. Reads are also dropped after
/// <see cref="MaxAge"/> in case moto changed something on its own. Kept: a 50-instance fleet's DescribeInstances
/// costs moto about 140 ms of its one Python process (200+ ms on a loaded machine), and the SSM heartbeat asked for
/// it every second, as IMDS did for every credentials request: a third of a core spent while the lab sat idle.
/// Callers at the same moment share one read in flight: 50 agents fetching role credentials together queued 100
/// DescribeInstances behind each other, past the SDK's IMDS timeouts (no_credentials on most of the fleet). A read
/// in flight when a change lands is not reused: the next caller starts a fresh one.
/// </summary>
internal sealed class InstanceDirectory(MotoQueries moto, TimeProvider time)
{
    /// <summary>How long a read stays usable when no call through the gateway changed anything.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly BatchedReads<string, LabInstance> _byId = new((ids, ct) => ReadSomeAsync(moto, ids, ct));

    private readonly SingleFlight<IReadOnlyList<LabInstance>> _listing = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SingleFlight<string?>> _roles = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Kept<string>> _keptRoles = new(StringComparer.Ordinal);
    private Kept<IReadOnlyList<LabInstance>>? _keptListing;
    private long _generation;

    private sealed record Kept<T>(long Generation, long Timestamp, T Value);

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

    /// <summary>An EC2 or IAM call that is no read (Describe*, Get*, List*) may change instances, their tags or profiles' roles.</summary>
    public static bool MayChange(AwsRequest request) =>
        (Ec2Interceptor.IsEc2(request) || request.SigningService == "iam")
        && !request.Operation.StartsWith("Describe", StringComparison.Ordinal)
        && !request.Operation.StartsWith("Get", StringComparison.Ordinal)
        && !request.Operation.StartsWith("List", StringComparison.Ordinal);

    /// <summary>moto has answered <paramref name="request"/>: if it may have changed instances or roles, nothing read before is used again.</summary>
    public void Answered(AwsRequest request)
    {
        if (MayChange(request))
        {
            Changed();
        }
    }

    /// <summary>Nothing read before is used again.</summary>
    public void Changed() => Interlocked.Increment(ref _generation);

    public Task<IReadOnlyList<LabInstance>> ListAsync(CancellationToken cancellationToken) =>
        Current(_keptListing) is { } kept ? Task.FromResult(kept) : _listing.RunAsync(ReadAllAsync, cancellationToken);

    private T? Current<T>(Kept<T>? kept) where T : class =>
        kept is not null && kept.Generation == Interlocked.Read(ref _generation) && time.GetElapsedTime(kept.Timestamp) < MaxAge ? kept.Value : null;

    private async Task<IReadOnlyList<LabInstance>> ReadAllAsync(CancellationToken cancellationToken)
    {
        // The generation before the read: a change that lands while moto answers makes this read stale at once.
        var (generation, at) = (Interlocked.Read(ref _generation), time.GetTimestamp());
        var answer = await moto.Ec2Async("DescribeInstances", LiveStates, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LabInstance> instances = Items(answer).ToList();
        _keptListing = new(generation, at, instances);
        return instances;
    }

    private static IEnumerable<LabInstance> Items(System.Xml.Linq.XElement answer) =>
        Ec2Xml.Named(answer, "instancesSet").SelectMany(set => set.Elements().Where(e => e.Name.LocalName == "item")).Select(Read);

    /// <summary>
    /// One instance (IMDS): from the kept listing while it is current, else read with the others asked for at the same
    /// moment, by their ids (<see cref="BatchedReads{TKey, TItem}"/>). The whole listing of a 50-instance lab took 0.3-0.4 s
    /// on a loaded machine and a caller could wait out two of them, twice per credentials fetch: the first agents of a
    /// fleet spent their 5 s sts probe getting credentials (connected to STS, then timed out). Filtered by id, moto
    /// answers a few kilobytes.
    /// </summary>
    public Task<LabInstance?> FindAsync(string instanceId, CancellationToken cancellationToken) =>
        Current(_keptListing)?.FirstOrDefault(i => i.InstanceId == instanceId) is { } kept
            ? Task.FromResult<LabInstance?>(kept)
            : _byId.ReadAsync(instanceId, cancellationToken);

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
        if (_keptRoles.TryGetValue(profileName, out var kept) && Current(kept) is { } role)
        {
            return role;
        }

        return await _roles.GetOrAdd(profileName, _ => new SingleFlight<string?>())
            .RunAsync(ct => ReadRoleAsync(profileName, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> ReadRoleAsync(string profileName, CancellationToken cancellationToken)
    {
        var (generation, at) = (Interlocked.Read(ref _generation), time.GetTimestamp());
        try
        {
            var answer = await moto.QueryAsync("iam", "GetInstanceProfile", "2010-05-08", [new("InstanceProfileName", profileName)], cancellationToken)
                .ConfigureAwait(false);
            var role = Ec2Xml.Named(answer, "RoleName").FirstOrDefault()?.Value;
            if (role is not null)
            {
                _keptRoles[profileName] = new(generation, at, role);
            }

            return role;
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
