using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using VpceProbe.Contract;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// Rules a scenario must meet before the harness touches the VPC. Each probe is checked once, with the
/// contract's own rules (<see cref="PlanValidator"/>), where it was written; each phase then only checks its
/// expectations. So one mistake gives one message, not one per phase, and the agent never refuses a plan the
/// harness built.
/// </summary>
internal static partial class ScenarioValidator
{
    /// <summary>AWS's limit on a VPC endpoint policy (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).</summary>
    public const int MaxPolicyCharacters = 20_480;

    public static IReadOnlyList<ScenarioError> Validate(ScenarioDefinition s)
    {
        var errors = new List<ScenarioError>();
        void Add(SourcePosition at, string message) => errors.Add(new(s.Source, at, message));

        ValidateTop(s, Add);
        ValidateProbes(s, Add);
        if (s.Phases.Count == 0)
        {
            Add(s.PositionOf("phases"), "phases: at least one phase is needed");
        }

        foreach (var dup in s.Phases.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            Add(new(dup.Last().Line, dup.Last().Column), $"phase name {Printable.Quote(dup.Key)} is used twice");
        }

        for (var i = 0; i < s.Phases.Count; i++)
        {
            ValidatePhase(s, s.Phases[i], isLast: i == s.Phases.Count - 1, Add);
        }

        return errors;
    }

    private static void ValidateTop(ScenarioDefinition s, Action<SourcePosition, string> add)
    {
        if (s.VpcId is not null && !AwsIds.IsVpcId(s.VpcId))
        {
            add(s.PositionOf("vpc"), $"vpc: {Printable.Quote(s.VpcId)} is not a VPC id such as vpc-0abc1234");
        }

        if (s.Region is not null && !Regions.IsValid(s.Region))
        {
            add(s.PositionOf("region"), $"region: {Regions.Problem(s.Region)}");
        }

        if (s.Deadline is not null && Duration.Check(s.Deadline, out _) is { } deadline)
        {
            add(s.PositionOf("deadline"), $"deadline: {deadline}");
        }

        foreach (var cidr in s.VpcCidrs.Where(c => !IPNetwork.TryParse(c, out _)))
        {
            add(s.PositionOf("vpcCidrs"), $"vpcCidrs: {Printable.Quote(cidr)} is not a CIDR such as 10.0.0.0/16");
        }

        foreach (var id in s.Targets.InstanceIds.Where(id => !AwsIds.IsInstanceId(id)))
        {
            add(s.PositionOf("targets.instances"), $"targets.instances: {Printable.Quote(id)} is not an instance id such as i-0abc1234 or i-0123456789abcdef0");
        }

        if (s.Targets.InstanceIds.Count > 0 && s.Targets.Tags.Count > 0)
        {
            add(s.PositionOf("targets.tags"), "targets: give either instances or tags, not both (tags would be ignored)");
        }
    }

    private static void ValidateProbes(ScenarioDefinition s, Action<SourcePosition, string> add)
    {
        // A probes field that is not a list was reported by the reader: "at least one probe" would repeat it.
        if ((s.Probes.Count == 0 && s.ProbesComplete) || s.Probes.Count > InputLimits.MaxProbes)
        {
            add(s.PositionOf("probes"), s.Probes.Count == 0
                ? "probes: at least one probe is needed"
                : $"probes: {s.Probes.Count} probes; the limit is {InputLimits.MaxProbes}");
        }

        var seen = new Dictionary<string, ScenarioProbe>(StringComparer.Ordinal);
        for (var i = 0; i < s.Probes.Count; i++)
        {
            var probe = s.Probes[i];
            var spec = probe.Spec;
            if (PlanValidator.IdProblem(spec.Id) is { } idProblem)
            {
                add(probe.PositionOf("id"), $"probes[{i}].id {idProblem}");
            }
            else if (!seen.TryAdd(spec.Id, probe))
            {
                add(probe.PositionOf("id"), $"probes[{i}].id: {Printable.Quote(spec.Id)} is already the id of the probe on line {seen[spec.Id].Line}; ids must be unique");
            }

            if (spec.Expect.Length > 0 && ProbeKinds.All.Contains(spec.Kind) && PlanValidator.ExpectProblem(spec.Kind, spec.Expect) is { } expect)
            {
                add(probe.PositionOf("expect"), $"probes[{i}].expect: {expect}");
            }

            foreach (var error in PlanValidator.ValidateFields($"probes[{i}]", spec))
            {
                var field = error.Field[(error.Field.IndexOf('.', StringComparison.Ordinal) + 1)..];
                if (!probe.Refused.Contains(field))
                {
                    add(probe.PositionOf(field), $"{error.Field}: {error.Message}");
                }
            }
        }
    }

    private static void ValidatePhase(ScenarioDefinition s, PhaseDefinition phase, bool isLast, Action<SourcePosition, string> add)
    {
        foreach (var action in phase.Actions)
        {
            ValidateAction(action, isLast, add);
        }

        if (phase.WaitFor is not null && Duration.Check(phase.WaitFor, out _) is { } waitFor)
        {
            add(phase.WaitForAt, $"phase {Printable.Quote(phase.Name)} waitFor: {waitFor}");
        }

        // Unknown ids are only reported against a complete list of valid, distinct ids: with a probe left out,
        // misnamed or duplicated (reported above), "no probe has that id" would be a consequence, not a mistake.
        var probes = s.Probes.GroupBy(p => p.Spec.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var idsComplete = s.ProbesComplete && s.Probes.Count > 0 && probes.Count == s.Probes.Count
            && s.Probes.All(p => PlanValidator.IdProblem(p.Spec.Id) is null);
        foreach (var e in phase.Expectations)
        {
            var at = new SourcePosition(e.Line, e.Column);
            if (!probes.TryGetValue(e.ProbeId, out var probe))
            {
                if (!idsComplete)
                {
                    continue;
                }

                add(at, $"phase {Printable.Quote(phase.Name)} expects something of {Printable.Quote(e.ProbeId)}, but no probe has that id (probes: {string.Join(", ", probes.Keys)})");
            }
            else if (ProbeKinds.All.Contains(probe.Spec.Kind) && PlanValidator.ExpectProblem(probe.Spec.Kind, e.Expect) is { } problem)
            {
                add(at, $"phase {Printable.Quote(phase.Name)} expect {e.ProbeId}: {problem}");
            }
        }
    }

    private static void ValidateAction(ActionDefinition a, bool inLastPhase, Action<SourcePosition, string> add)
    {
        var at = new SourcePosition(a.Line, a.Column);
        var serviceAt = a.ServiceAt.Line > 0 ? a.ServiceAt : at;
        switch (a.Type)
        {
            case ActionTypes.RemoveNatRoutes:
                break;
            case ActionTypes.CreateGatewayEndpoint when !ActionTypes.GatewayServices.Contains(a.Service ?? ""):
                add(serviceAt, $"{a.Type}: service must be one of {string.Join(", ", ActionTypes.GatewayServices)} (got {Printable.Quote(a.Service)})");
                break;
            case ActionTypes.CreateInterfaceEndpoint when a.Service is null || !ServiceName().IsMatch(a.Service):
                add(serviceAt, $"{a.Type}: service must be the SERVICE of com.amazonaws.REGION.SERVICE, such as secretsmanager (got {Printable.Quote(a.Service)})");
                break;
            case ActionTypes.CreateGatewayEndpoint or ActionTypes.CreateInterfaceEndpoint:
                break;
            case ActionTypes.Cleanup when !inLastPhase:
                add(at, "cleanup must be in the last phase: later phases would run on a restored VPC");
                break;
            case ActionTypes.Cleanup:
                break;
            case "":
                break; // "type is required" was reported by the reader.
            default:
                add(at, $"unknown action {Printable.Quote(a.Type)}; use one of {string.Join(", ", ActionTypes.All)}");
                break;
        }

        if (a.Policy is not null && !IsJsonObject(a.Policy))
        {
            add(at, $"{a.Type}: the endpoint policy is not a JSON object such as {{\"Statement\": [...]}}");
        }
        else if (a.Policy?.Length > MaxPolicyCharacters)
        {
            add(at, $"{a.Type}: the endpoint policy is {a.Policy.Length} characters; AWS accepts at most {MaxPolicyCharacters}");
        }
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = InputLimits.MaxDepth });
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,63}$")]
    private static partial Regex ServiceName();
}
