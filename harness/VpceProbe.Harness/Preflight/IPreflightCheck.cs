using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Preflight;

/// <summary>A check made before any change; a refusal stops the run (exit 2) with nothing changed.</summary>
internal interface IPreflightCheck
{
    IEnumerable<PreflightFinding> Check(PreflightInput input);
}

internal sealed record PreflightInput(ScenarioDefinition Scenario, VpcSnapshot Vpc, IReadOnlyList<InstanceInfo> Targets, TransportKind Transport)
{
    public IEnumerable<ActionDefinition> Actions => Scenario.Phases.SelectMany(p => p.Actions);
}

/// <param name="Refuse">True: the run must not start. False: a note for the person running it.</param>
internal sealed record PreflightFinding(bool Refuse, string Message);

/// <summary>The one list of preflight checks, in the order they are reported.</summary>
internal static class PreflightChecks
{
    public static readonly IReadOnlyList<IPreflightCheck> All = [new DnsAttributesCheck(), new SsmOnlineCheck(), new SsmReachabilityCheck()];

    public static IReadOnlyList<PreflightFinding> Run(PreflightInput input) => [.. All.SelectMany(c => c.Check(input))];
}
