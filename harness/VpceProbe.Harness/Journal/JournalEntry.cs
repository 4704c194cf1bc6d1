using System.Text.Json.Serialization;

namespace VpceProbe.Harness.Journal;

/// <summary>
/// One line of a run's write-ahead journal. An <see cref="JournalEntryTypes.Intent"/> is written and
/// fsynced before a change is attempted, with everything needed to undo it; <see cref="JournalEntryTypes.Done"/>
/// after it succeeded. Rollback undoes every intent that is not yet undone or kept, whether or not it
/// was marked done: a crash between the AWS call and the done line must still be undone.
/// </summary>
internal sealed record JournalEntry
{
    /// <summary>Only on the <see cref="JournalEntryTypes.Run"/> line, the journal's first: how to read the lines after it.</summary>
    public int? SchemaVersion { get; init; }

    public required string Type { get; init; }

    /// <summary>The change this line is about; intents number from 1, later lines repeat the intent's number.</summary>
    public int Seq { get; init; }

    public DateTimeOffset At { get; init; }

    public string? Phase { get; init; }

    /// <summary>One of <see cref="ChangeActions"/>: which undo step applies.</summary>
    public string? Action { get; init; }

    /// <summary>
    /// The change as the run's own rows named it when it was applied: the scenario action (remove-nat-routes,
    /// create-gateway-endpoint, create-interface-endpoint), or create-security-group / modify-endpoint for the steps
    /// an action takes on its own. Cleanup and rollback rows show it, so a change reads the same in both. Journals
    /// written before it existed lack it: they still roll back (undo goes by <see cref="Action"/>) and show that instead.
    /// </summary>
    public string? ScenarioAction { get; init; }

    /// <summary>What a cleanup or rollback row calls this change.</summary>
    [JsonIgnore]
    public string ShownAction => ScenarioAction ?? Action ?? "?";

    /// <summary>The route table, endpoint or security group the change is about (an intent to create has none yet).</summary>
    public string? ResourceId { get; init; }

    public string? Description { get; init; }

    public RouteToRestore? Route { get; init; }

    /// <summary>create-endpoint: com.amazonaws.REGION.SERVICE.</summary>
    public string? ServiceName { get; init; }

    /// <summary>create-endpoint: the idempotency token sent to AWS, so a retried create cannot make a second endpoint.</summary>
    public string? ClientToken { get; init; }

    /// <summary>create-security-group: the group name (unique per VPC), to find a group created just before a crash.</summary>
    public string? GroupName { get; init; }

    /// <summary>modify-endpoint: what was added to an adopted endpoint for the run, and the policy it had, to put back.</summary>
    public EndpointChange? EndpointChange { get; init; }

    /// <summary>Only on the <see cref="JournalEntryTypes.Run"/> line.</summary>
    public RunHeader? Run { get; init; }
}

/// <summary>A route as it was, to put back exactly: destination and the one target it had.</summary>
internal sealed record RouteToRestore(
    string RouteTableId, string DestinationCidr, string? NatGatewayId, string? InstanceId, string? NetworkInterfaceId)
{
    public string Target => NatGatewayId ?? InstanceId ?? NetworkInterfaceId ?? "?";
}

/// <summary>
/// What a run did to an endpoint it adopted (did not create): route tables and subnets added so every target is
/// served, and the scenario's policy in place of the endpoint's own. Undone by removing what was added and putting
/// <see cref="PreviousPolicy"/> back.
/// </summary>
internal sealed record EndpointChange(
    string EndpointId, IReadOnlyList<string> AddedRouteTableIds, IReadOnlyList<string> AddedSubnetIds, bool PolicyReplaced, string? PreviousPolicy);

/// <summary>The first line of a journal: which run, where, and the VPC state before it, for the after-cleanup check.</summary>
internal sealed record RunHeader(
    string RunId, string Scenario, string VpcId, string Region, string? EndpointUrl, string? Profile, VpcBaseline Baseline);

/// <param name="Routes">"rtb-… 0.0.0.0/0 → nat-…" for every route of every route table in the VPC.</param>
/// <param name="EndpointIds">Endpoints that existed (not deleted) before the run.</param>
internal sealed record VpcBaseline(IReadOnlyList<string> Routes, IReadOnlyList<string> EndpointIds);

internal static class JournalEntryTypes
{
    public const string Run = "run";
    public const string Intent = "intent";
    public const string Done = "done";
    public const string Undone = "undone";
    public const string Kept = "kept";
    public const string Verified = "verified";
}

internal static class ChangeActions
{
    public const string RemoveRoute = "remove-route";
    public const string CreateEndpoint = "create-endpoint";
    public const string CreateSecurityGroup = "create-security-group";
    public const string ModifyEndpoint = "modify-endpoint";
}
