using VpceProbe.Contract;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Discovery.Derivation;

namespace VpceProbe.Harness.Accept;

/// <summary>Each chosen instance's derived plan, with the user's --plan probes added after the derived ones.</summary>
internal static class AcceptPlans
{
    public const string PlanFileRule = "plan-file";

    /// <exception cref="UsageException">A --plan probe reuses a derived id, or the plan is invalid (every error listed).</exception>
    /// <param name="waitFor">Given to every derived probe (--wait-for); --plan probes keep their own.</param>
    public static IReadOnlyList<DerivedPlan> Build(
        VpcSnapshot vpc, AcceptSelection selection, DerivationOptions options, IReadOnlyList<ProbeSpec> extra, string? planFile, string? waitFor = null)
    {
        var plans = new List<DerivedPlan>();
        foreach (var target in selection.Targets)
        {
            var derived = PlanDeriver.Derive(vpc, target, options);
            var clash = extra.Where(p => derived.Probes.Any(d => d.Probe.Id == p.Id)).Select(p => p.Id).ToList();
            if (clash.Count > 0)
            {
                throw new UsageException($"--plan {planFile}: probe ids {string.Join(", ", clash)} are also derived from the VPC: rename them");
            }

            var plan = derived with
            {
                Probes = [.. derived.Probes.Select(d => waitFor is null ? d : d with { Probe = d.Probe with { WaitFor = waitFor } }), .. extra.Select(p => new DerivedProbe(p, new DerivationReason(PlanFileRule, $"from --plan {planFile}")))],
            };
            var errors = PlanValidator.Validate(plan.ToPlan(vpc));
            if (errors.Count > 0)
            {
                throw new UsageException($"the plan for {target.Instance.Id} is not valid: {string.Join("; ", errors)}");
            }

            plans.Add(plan);
        }

        return plans;
    }
}
