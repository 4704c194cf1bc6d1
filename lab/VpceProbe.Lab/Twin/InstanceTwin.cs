using System.Text.Json;
using System.Text.RegularExpressions;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Twin;

/// <summary>Instances (at most --max-instances), NAT instances, and a lab role per instance profile.</summary>
internal static partial class InstanceTwin
{
    public sealed record Selection(IReadOnlyList<SnapshotInstance> NatInstances, IReadOnlyList<SnapshotInstance> Instances);

    /// <summary>
    /// Which instances the twin keeps. NAT instances first: routes need them. Then one instance in every private
    /// subnet, the first running one in the snapshot's order: a private subnet is where the walkthrough's checks run
    /// (its routes, NACL and endpoints are what a change breaks), and a subnet without an instance cannot be probed.
    /// Then the rest in the snapshot's order until the limit. Fewer allowed than that minimum is an error, not a
    /// twin that silently cannot test a subnet. Terminated instances are not part of the VPC any more.
    /// </summary>
    public static Selection Select(TwinScope scope, IReadOnlyList<SnapshotSubnet> subnets, int maxInstances)
    {
        var routed = RouteTwin.NatInstanceIds(scope.Snapshot);
        var live = scope.Snapshot.Instances.Where(i => i.State is not ("terminated" or "shutting-down")).Where(i => scope.Subnets.Has(i.SubnetId)).ToList();
        var nat = live.Where(i => routed.Contains(i.Id)).ToList();
        var candidates = live.Where(i => !routed.Contains(i.Id)).OrderBy(i => i.State == "running" ? 0 : 1).ToList();
        var first = subnets.Where(s => !s.IsPublic).Select(s => candidates.FirstOrDefault(i => i.SubnetId == s.Id)).OfType<SnapshotInstance>().ToList();
        if (nat.Count + first.Count > maxInstances)
        {
            throw new TwinException(
                $"--max-instances {maxInstances} is too few: the twin keeps {nat.Count} NAT instance(s) and one instance in each of the {first.Count} private subnets that have one; allow at least {nat.Count + first.Count}");
        }

        var kept = first.Concat(candidates.Except(first).Take(maxInstances - nat.Count - first.Count)).ToHashSet();
        var ordered = scope.Snapshot.Instances.Where(kept.Contains).ToList();
        var dropped = live.Count - nat.Count - ordered.Count;
        if (dropped > 0)
        {
            scope.Report.Note(scope.Snapshot.VpcId, $"{ordered.Count + nat.Count} of {live.Count} instances kept (--max-instances {maxInstances}); not in the twin: "
                + string.Join(", ", live.Where(i => !kept.Contains(i) && !routed.Contains(i.Id)).Select(i => i.Id)));
        }

        foreach (var stopped in ordered.Concat(nat).Where(i => i.State is not ("running" or "pending" or null)))
        {
            scope.Report.Note(stopped.Id, $"{stopped.State} in AWS, running in the twin");
        }

        foreach (var instance in nat.Concat(ordered))
        {
            scope.Instances.Assign(instance.Id, instance.Tags, $"{scope.Subnets.Of(instance.SubnetId)}-{(routed.Contains(instance.Id) ? "nat" : "instance")}");
        }

        return new Selection(nat, ordered);
    }

    public static NatInstanceSpec NatInstance(TwinScope scope, SnapshotInstance instance) => new()
    {
        Name = scope.Instances.Of(instance.Id)!,
        Subnet = scope.Subnets.Of(instance.SubnetId)!,
        PrivateIp = instance.PrivateIp,
        SecurityGroups = Groups(scope, instance),
        InstanceType = instance.InstanceType,
        SourceId = instance.Id,
        Tags = scope.Tags(instance.Id, instance.Tags),
    };

    public static InstanceSpec Instance(TwinScope scope, SnapshotInstance instance) => new()
    {
        Name = scope.Instances.Of(instance.Id)!,
        Subnet = scope.Subnets.Of(instance.SubnetId)!,
        PrivateIp = instance.PrivateIp,
        Architecture = Architecture(scope, instance),
        SsmAgentVersion = KnownAgentVersion(instance) ?? InstanceSpec.DefaultSsmAgentVersion,
        InstanceType = instance.InstanceType,
        InstanceProfile = ProfileName(instance),
        SecurityGroups = Groups(scope, instance),
        SourceId = instance.Id,
        Tags = scope.Tags(instance.Id, instance.Tags),
    };

    /// <summary>
    /// One lab role per instance profile, named like the profile. The snapshot has the profile's ARN only, not the
    /// real role's permissions (discover reads no IAM): the twin's role allows what the walkthrough's role allows
    /// (SSM, S3 reads, Secrets Manager reads), enough for every check vpceprobe runs. Edit the policy to match yours.
    /// </summary>
    public static IReadOnlyList<RoleSpec> Roles(IEnumerable<InstanceSpec> instances, JsonElement walkthroughPolicy) =>
        [.. instances.Select(i => i.InstanceProfile).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(profile => new RoleSpec { Name = profile, InstanceProfile = profile, Policy = walkthroughPolicy })];

    // arn:aws:iam::123456789012:instance-profile/optional/path/NAME → NAME
    private static string? ProfileName(SnapshotInstance instance) =>
        instance.IamInstanceProfileArn is { } arn && arn.LastIndexOf('/') is var slash and >= 0 && slash < arn.Length - 1 ? arn[(slash + 1)..] : null;

    private static List<string> Groups(TwinScope scope, SnapshotInstance instance) =>
        [.. instance.SecurityGroupIds.Select(scope.SecurityGroups.Of).OfType<string>()];

    private static string Architecture(TwinScope scope, SnapshotInstance instance)
    {
        if (instance.Architecture is { } architecture && Architectures.All.Contains(architecture))
        {
            return architecture;
        }

        scope.Report.Note(instance.Id, $"architecture {instance.Architecture ?? "unknown"} is {Architectures.X86} in the twin");
        return Architectures.X86;
    }

    /// <summary>Null where SSM did not answer or does not manage the instance: the twin then has the lab's default (reported once for all).</summary>
    public static string? KnownAgentVersion(SnapshotInstance instance) =>
        instance.SsmAgentVersion is { } version && Version().IsMatch(version) ? version : null;

    [GeneratedRegex(@"^[0-9]{1,4}(\.[0-9]{1,5}){2,3}$")]
    private static partial Regex Version();
}
