using VpceProbe.Contract;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// Builds the agent's plan for one phase: the probes the phase expects something of, with the phase's
/// expectation. A probe's own expect applies in every phase that does not mention it.
/// </summary>
internal static class PhasePlans
{
    public static IReadOnlyList<ProbeSpec> ProbesFor(ScenarioDefinition scenario, PhaseDefinition phase)
    {
        var specs = new List<ProbeSpec>();
        foreach (var probe in scenario.Probes)
        {
            var expect = phase.Expectations.FirstOrDefault(e => e.ProbeId == probe.Spec.Id)?.Expect ?? probe.Spec.Expect;
            if (!string.IsNullOrEmpty(expect))
            {
                var timeout = expect == Expectations.Unreachable ? probe.Spec.Timeout ?? scenario.UnreachableTimeout : probe.Spec.Timeout;
                specs.Add(probe.Spec with { Expect = expect, WaitFor = probe.Spec.WaitFor ?? phase.WaitFor, Timeout = timeout });
            }
        }

        return specs;
    }

    /// <param name="vpcCidrs">The scenario's, else the VPC's own.</param>
    /// <param name="endpoints">Per-service endpoint overrides (emulators with the local transport); null on real AWS.</param>
    public static ProbePlan Build(
        ScenarioDefinition scenario, PhaseDefinition phase, string? region, IReadOnlyList<string> vpcCidrs, Dictionary<string, string>? endpoints) => new()
    {
        Region = scenario.Region ?? region,
        VpcCidrs = scenario.VpcCidrs.Count > 0 ? [.. scenario.VpcCidrs] : vpcCidrs.Count > 0 ? [.. vpcCidrs] : null,
        Deadline = scenario.Deadline,
        Endpoints = endpoints,
        Probes = [.. ProbesFor(scenario, phase)],
    };
}
