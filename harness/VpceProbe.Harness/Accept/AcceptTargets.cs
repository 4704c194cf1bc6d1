using Amazon.SimpleSystemsManagement;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Discovery.Derivation;

namespace VpceProbe.Harness.Accept;

/// <summary>How many instances `accept` runs on when none are named.</summary>
internal enum TargetSpread
{
    /// <summary>One instance in each private subnet: every route table a workload uses is exercised.</summary>
    PerSubnet,

    /// <summary>One instance in each AZ that has private subnets: fewer runs, every zone's endpoint ENIs.</summary>
    PerAz,
}

/// <summary>The instances chosen, and what could not be covered (a private subnet with no SSM-managed instance).</summary>
internal sealed record AcceptSelection(IReadOnlyList<DerivationTarget> Targets, IReadOnlyList<string> Uncovered);

/// <summary>
/// Chooses the instances `accept` runs on: the ones named, else one running, SSM-managed instance (lowest id, so the
/// choice is stable from run to run) per private subnet or per AZ. When SSM could not be asked (an emulator),
/// running is enough.
/// </summary>
internal static class AcceptTargets
{
    public static AcceptSelection Choose(VpcSnapshot vpc, IReadOnlyList<string> named, TargetSpread spread)
    {
        if (named.Count > 0)
        {
            var missing = named.Where(id => vpc.Instances.All(i => i.Id != id)).ToList();
            return missing.Count == 0
                ? new([.. named.Distinct().Select(id => DerivationTarget.For(vpc, vpc.Instances.First(i => i.Id == id)))], [])
                : throw new UsageException($"not in {vpc.VpcId}: {string.Join(", ", missing)} (run `vpceprobe discover --vpc {vpc.VpcId}` to see its instances)");
        }

        var privateSubnets = vpc.Subnets.Where(s => !s.IsPublic).OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        var groups = spread == TargetSpread.PerAz
            ? privateSubnets.GroupBy(s => s.AvailabilityZone).Select(g => (Label: $"AZ {g.Key}", Subnets: g.ToList()))
            : privateSubnets.Select(s => (Label: $"subnet {s.Id} ({s.AvailabilityZone})", Subnets: new List<SubnetInfo> { s }));
        var targets = new List<DerivationTarget>();
        var uncovered = new List<string>();
        foreach (var (label, subnets) in groups)
        {
            var chosen = vpc.Instances
                .Where(i => subnets.Any(s => s.Id == i.SubnetId) && Managed(vpc, i))
                .OrderBy(i => i.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (chosen is null)
            {
                uncovered.Add($"{label}: no running SSM-managed instance, not checked");
            }
            else
            {
                targets.Add(DerivationTarget.For(vpc, chosen));
            }
        }

        return targets.Count > 0
            ? new(targets, uncovered)
            : throw new UsageException($"{vpc.VpcId} has no running SSM-managed instance in a private subnet: name one with --instance");
    }

    private static bool Managed(VpcSnapshot vpc, InstanceInfo instance) =>
        instance.State == "running" && (!vpc.SsmPingStatusKnown || instance.SsmPingStatus == PingStatus.Online.Value);
}
