using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>The probes one instance's plan holds, each with its reason; the same probe from two rules appears once.</summary>
internal sealed record DerivedPlan(DerivationTarget Target, IReadOnlyList<DerivedProbe> Probes)
{
    /// <summary>The agent's plan: the VPC's region and CIDRs (what counts as private), the derived probes.</summary>
    public ProbePlan ToPlan(VpcSnapshot vpc) => new()
    {
        Region = vpc.Region,
        VpcCidrs = [.. vpc.Cidrs],
        Probes = [.. Probes.Select(p => p.Probe)],
    };
}

/// <summary>Runs every rule of <see cref="DerivationRules"/> for one instance. Pure: the snapshot in, data out.</summary>
internal static class PlanDeriver
{
    public static DerivedPlan Derive(VpcSnapshot vpc, DerivationTarget target, DerivationOptions options, IReadOnlyList<IDerivationRule>? rules = null)
    {
        var context = new DerivationContext(vpc, target, options);
        var probes = new List<DerivedProbe>();
        foreach (var derived in (rules ?? DerivationRules.All).SelectMany(r => r.Derive(context)))
        {
            var same = probes.FindIndex(p => p.Probe.Id == derived.Probe.Id);
            if (same < 0)
            {
                probes.Add(derived);
            }
            else if (probes[same].Probe == derived.Probe)
            {
                probes[same] = probes[same] with { Reason = probes[same].Reason.Merge(derived.Reason) };
            }
            else
            {
                // Two rules wanting different things of the same id is a bug in the rules, not in the VPC.
                throw new InvalidOperationException($"rules {probes[same].Reason.Rule} and {derived.Reason.Rule} derive different probes with id '{derived.Probe.Id}'");
            }
        }

        return new DerivedPlan(target, probes);
    }
}
