using VpceProbe.Contract;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// A before/after run as the user wrote it (YAML) or as a built-in scenario builds it. Lines are kept
/// so that every later check (plan validation, unknown probe ids) can point at the file.
/// </summary>
internal sealed record ScenarioDefinition
{
    public required string Name { get; init; }

    /// <summary>Where the scenario came from ("walkthrough" or a file path), for error messages.</summary>
    public required string Source { get; init; }

    public string? VpcId { get; init; }

    /// <summary>The VPC's Name tag, used when no id is given (the walkthrough's twtechVPC).</summary>
    public string? VpcName { get; init; }

    public TargetSelector Targets { get; init; } = new();

    public IReadOnlyList<ScenarioProbe> Probes { get; init; } = [];

    /// <summary>False when the reader had to leave out probes (not a list, an item not a mapping): ids cannot be checked against them.</summary>
    public bool ProbesComplete { get; init; } = true;

    public string? Region { get; init; }

    /// <summary>CIDRs that count as private for dns probes; the VPC's own CIDRs when empty.</summary>
    public IReadOnlyList<string> VpcCidrs { get; init; } = [];

    /// <summary>The agent's global deadline per phase.</summary>
    public string? Deadline { get; init; }

    /// <summary>
    /// The per-attempt timeout of a probe without its own, in a phase that expects it unreachable (the walkthrough's
    /// --probe-timeout): dropped traffic is silence, so such a probe always waits its timeout out. A probe expected to
    /// answer keeps its kind's default, however short this is: it waits only when it fails, and a loaded machine
    /// once took more than the demo's 2 s to fetch an instance's credentials and answer its first S3 call.
    /// </summary>
    public string? UnreachableTimeout { get; init; }

    public IReadOnlyList<PhaseDefinition> Phases { get; init; } = [];

    /// <summary>Where each top-level field ("region", "deadline", "targets.instances"...) was written; empty for built-in scenarios.</summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions { get; init; } = new Dictionary<string, SourcePosition>();

    public SourcePosition PositionOf(string field) => Positions.TryGetValue(field, out var at) ? at : SourcePosition.None;
}

/// <summary>Instance ids, or a tag filter; both empty means every SSM-managed instance in the VPC's private subnets.</summary>
internal sealed record TargetSelector
{
    public IReadOnlyList<string> InstanceIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public int Line { get; init; }
}

/// <summary>One probe of the agent's plan (same field names), with where it and each of its fields were written.</summary>
internal sealed record ScenarioProbe(ProbeSpec Spec, int Line)
{
    public int Column { get; init; }

    public IReadOnlyDictionary<string, SourcePosition> Fields { get; init; } = new Dictionary<string, SourcePosition>();

    /// <summary>Fields the reader already reported (a list where a number goes): not reported again as missing.</summary>
    public IReadOnlySet<string> Refused { get; init; } = new HashSet<string>();

    /// <summary>Where <paramref name="field"/> was written, else where the probe starts.</summary>
    public SourcePosition PositionOf(string field) => Fields.TryGetValue(field, out var at) ? at : new(Line, Column);
}

/// <param name="WaitFor">Applied to every probe of the phase that sets none: DNS and endpoints take time to propagate.</param>
internal sealed record PhaseDefinition(
    string Name, int Line, IReadOnlyList<ActionDefinition> Actions, IReadOnlyList<PhaseExpectation> Expectations, string? WaitFor)
{
    public int Column { get; init; }

    public SourcePosition WaitForAt { get; init; }
}

internal sealed record PhaseExpectation(string ProbeId, string Expect, int Line, int Column = 0);

/// <summary>One change a phase makes. Which fields matter depends on <see cref="Type"/> (see <see cref="ActionTypes"/>).</summary>
internal sealed record ActionDefinition
{
    public required string Type { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    /// <summary>Where the service was written (0 when absent or built in).</summary>
    public SourcePosition ServiceAt { get; init; }

    /// <summary>s3 or dynamodb for a gateway endpoint; any SERVICE of com.amazonaws.REGION.SERVICE for an interface endpoint.</summary>
    public string? Service { get; init; }

    /// <summary>The endpoint policy as JSON text (inline, or read from policyFile at load time).</summary>
    public string? Policy { get; init; }

    public bool PrivateDns { get; init; } = true;

    /// <summary>cleanup: leave what the run created in place (NAT routes are restored regardless).</summary>
    public bool Keep { get; init; }
}

internal static class ActionTypes
{
    public const string RemoveNatRoutes = "remove-nat-routes";
    public const string CreateGatewayEndpoint = "create-gateway-endpoint";
    public const string CreateInterfaceEndpoint = "create-interface-endpoint";
    public const string Cleanup = "cleanup";

    public static readonly IReadOnlyList<string> All = [RemoveNatRoutes, CreateGatewayEndpoint, CreateInterfaceEndpoint, Cleanup];

    public static readonly IReadOnlyList<string> GatewayServices = ["s3", "dynamodb"];
}
