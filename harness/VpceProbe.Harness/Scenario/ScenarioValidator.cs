using System.Text.Json;
using System.Text.RegularExpressions;
using VpceProbe.Contract;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// Rules a scenario must meet before the harness touches the VPC. The probes go through the contract's
/// <see cref="PlanValidator"/> phase by phase, so the agent can never refuse a plan the harness sent.
/// </summary>
public static partial class ScenarioValidator
{
    public static IReadOnlyList<ScenarioError> Validate(ScenarioDefinition s)
    {
        var errors = new List<ScenarioError>();
        void Add(int line, string message) => errors.Add(new(s.Source, line, message));

        if (s.VpcId is not null && !VpcId().IsMatch(s.VpcId))
        {
            Add(0, $"vpc: '{s.VpcId}' is not a VPC id such as vpc-0abc123");
        }

        foreach (var id in s.Targets.InstanceIds.Where(id => !InstanceId().IsMatch(id)))
        {
            Add(s.Targets.Line, $"targets.instances: '{id}' is not an instance id such as i-0abc123");
        }

        if (s.Probes.Count == 0)
        {
            Add(0, "probes: at least one probe is needed");
        }

        if (s.Phases.Count == 0)
        {
            Add(0, "phases: at least one phase is needed");
        }

        foreach (var dup in s.Phases.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            Add(dup.Last().Line, $"phase name '{dup.Key}' is used twice");
        }

        for (var i = 0; i < s.Phases.Count; i++)
        {
            ValidatePhase(s, s.Phases[i], isLast: i == s.Phases.Count - 1, Add);
        }

        return errors;
    }

    private static void ValidatePhase(ScenarioDefinition s, PhaseDefinition phase, bool isLast, Action<int, string> add)
    {
        foreach (var action in phase.Actions)
        {
            ValidateAction(action, isLast, add);
        }

        var ids = s.Probes.Select(p => p.Spec.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var e in phase.Expectations.Where(e => !ids.Contains(e.ProbeId)))
        {
            add(e.Line, $"phase '{phase.Name}' expects something of '{e.ProbeId}', but no probe has that id (probes: {string.Join(", ", ids)})");
        }

        var probes = PhasePlans.ProbesFor(s, phase);
        if (probes.Count == 0)
        {
            return;
        }

        var plan = PhasePlans.Build(s, phase, s.Region, [], null);
        foreach (var error in PlanValidator.Validate(plan))
        {
            add(LineOf(s, phase, plan, error.Field), $"phase '{phase.Name}': {error.Field}: {error.Message}");
        }
    }

    // "probes[2].expect" points at the phase's expect line when the phase set it, else at the probe.
    private static int LineOf(ScenarioDefinition s, PhaseDefinition phase, ProbePlan plan, string field)
    {
        var match = ProbeIndex().Match(field);
        if (!match.Success)
        {
            return 0;
        }

        var id = plan.Probes[int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Id;
        var expectation = phase.Expectations.FirstOrDefault(e => e.ProbeId == id);
        return field.EndsWith(".expect", StringComparison.Ordinal) && expectation is not null
            ? expectation.Line
            : s.Probes.First(p => p.Spec.Id == id).Line;
    }

    private static void ValidateAction(ActionDefinition a, bool inLastPhase, Action<int, string> add)
    {
        switch (a.Type)
        {
            case ActionTypes.RemoveNatRoutes:
                break;
            case ActionTypes.CreateGatewayEndpoint when !ActionTypes.GatewayServices.Contains(a.Service ?? ""):
                add(a.Line, $"{a.Type}: service must be one of {string.Join(", ", ActionTypes.GatewayServices)} (got '{a.Service}')");
                break;
            case ActionTypes.CreateInterfaceEndpoint when a.Service is null || !ServiceName().IsMatch(a.Service):
                add(a.Line, $"{a.Type}: service must be the SERVICE of com.amazonaws.REGION.SERVICE, such as secretsmanager (got '{a.Service}')");
                break;
            case ActionTypes.CreateGatewayEndpoint or ActionTypes.CreateInterfaceEndpoint:
                break;
            case ActionTypes.Cleanup when !inLastPhase:
                add(a.Line, "cleanup must be in the last phase: later phases would run on a restored VPC");
                break;
            case ActionTypes.Cleanup:
                break;
            default:
                add(a.Line, $"unknown action '{a.Type}'; use one of {string.Join(", ", ActionTypes.All)}");
                break;
        }

        if (a.Policy is not null && !IsJsonObject(a.Policy))
        {
            add(a.Line, $"{a.Type}: the endpoint policy is not a JSON object");
        }
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^vpc-[0-9a-f]+$")]
    private static partial Regex VpcId();

    [GeneratedRegex("^i-[0-9a-f]+$")]
    private static partial Regex InstanceId();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex ServiceName();

    [GeneratedRegex(@"^probes\[(\d+)\]")]
    private static partial Regex ProbeIndex();
}
