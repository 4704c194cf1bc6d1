using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Run;

/// <summary>
/// Which instances a run probes from. Explicit ids win; then a tag filter; otherwise every running
/// instance in the VPC's private subnets that SSM manages (when SSM can be asked), so each AZ with a
/// private instance is covered.
/// </summary>
internal static class TargetSelection
{
    public static IReadOnlyList<InstanceInfo> Select(ScenarioDefinition scenario, VpcSnapshot vpc, bool requireSsm)
    {
        var selector = scenario.Targets;
        if (selector.InstanceIds.Count > 0)
        {
            var missing = selector.InstanceIds.Where(id => vpc.Instances.All(i => i.Id != id)).ToList();
            return missing.Count == 0
                ? [.. vpc.Instances.Where(i => selector.InstanceIds.Contains(i.Id))]
                : throw Error(scenario, selector.Line, $"targets.instances: {string.Join(", ", missing)} not found in {vpc.VpcId}");
        }

        var candidates = vpc.Instances.Where(i => i.State is null or "running");
        if (selector.Tags.Count > 0)
        {
            var tagged = candidates.Where(i => selector.Tags.All(t => i.Tags.TryGetValue(t.Key, out var v) && v == t.Value)).ToList();
            return tagged.Count > 0
                ? tagged
                : throw Error(scenario, selector.Line, $"targets.tags: no running instance in {vpc.VpcId} has {string.Join(", ", selector.Tags.Select(t => $"{t.Key}={t.Value}"))}");
        }

        var privateSubnets = vpc.Subnets.Where(s => !s.IsPublic).Select(s => s.Id).ToHashSet();
        var chosen = candidates
            .Where(i => privateSubnets.Contains(i.SubnetId))
            .Where(i => !requireSsm || !vpc.SsmPingStatusKnown || i.SsmPingStatus is not null)
            .OrderBy(i => i.AvailabilityZone, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        return chosen.Count > 0
            ? chosen
            : throw Error(scenario, 0, $"no target: {vpc.VpcId} has no running{(requireSsm ? ", SSM-managed" : "")} instance in a private subnet; name them under targets.instances");
    }

    private static ScenarioException Error(ScenarioDefinition scenario, int line, string message) => new([new(scenario.Source, line, message)]);
}
