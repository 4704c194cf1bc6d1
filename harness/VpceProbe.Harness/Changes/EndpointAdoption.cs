using System.Text.Json.Nodes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// Adopting an endpoint that already exists for the service means making it do what the scenario would have
/// created, for the run only:
/// - a gateway endpoint gets the targets' route tables it is not associated with (else those tables keep sending
///   S3 to the NAT, and lose it when the NAT route goes: audit's VPCE011);
/// - an interface endpoint gets a target subnet in each target AZ it is missing from;
/// - a scenario policy that differs from the endpoint's is applied, and the endpoint's own is restored at cleanup
///   (we chose apply-and-restore over refusing: the walkthrough's "other bucket denied" check is meaningless
///   under someone else's policy, and refusing would make every VPC with an S3 endpoint unusable).
/// Each is one journaled ModifyVpcEndpoint, undone by the reverse call; the endpoint itself stays.
/// </summary>
internal static class EndpointAdoption
{
    /// <summary>What the run must add to <paramref name="existing"/>; null when it already serves every target as the scenario asks.</summary>
    public static EndpointChange? Plan(ChangeContext context, EndpointInfo existing, ActionDefinition action)
    {
        var tables = existing.Type == EndpointType.Gateway
            ? context.TargetRouteTables().Select(t => t.Id).Where(t => !existing.RouteTableIds.Contains(t)).ToList()
            : [];
        var servedZones = existing.SubnetIds.Select(id => context.Vpc.Subnets.FirstOrDefault(s => s.Id == id)?.AvailabilityZone).ToHashSet();
        var subnets = existing.Type == EndpointType.Interface
            ? context.OneSubnetPerTargetZone().Where(id => !servedZones.Contains(context.Vpc.Subnets.FirstOrDefault(s => s.Id == id)?.AvailabilityZone)).ToList()
            : [];
        var replacePolicy = action.Policy is not null && !SamePolicy(action.Policy, existing.PolicyDocument);
        return tables.Count == 0 && subnets.Count == 0 && !replacePolicy
            ? null
            : new EndpointChange(existing.Id, tables, subnets, replacePolicy, replacePolicy ? existing.PolicyDocument : null);
    }

    public static string Describe(EndpointChange change, EndpointInfo existing)
    {
        var parts = new List<string>();
        if (change.AddedRouteTableIds.Count > 0)
        {
            parts.Add($"associate route table(s) {string.Join(", ", change.AddedRouteTableIds)} (targets there would otherwise have no route to {existing.ShortService})");
        }

        if (change.AddedSubnetIds.Count > 0)
        {
            parts.Add($"add subnet(s) {string.Join(", ", change.AddedSubnetIds)} (target AZs it is missing from)");
        }

        if (change.PolicyReplaced)
        {
            parts.Add("apply the scenario's policy (its own policy is restored at cleanup)");
        }

        return $"complete the adopted endpoint {existing.Id} for the run: {string.Join("; ", parts)}; undone at cleanup";
    }

    public static ChangeRecord Preview(ChangeContext context, EndpointChange change, EndpointInfo existing) =>
        context.Record(ChangeActions.ModifyEndpoint, existing.Id, Describe(change, existing), ChangeStatus.Planned);

    public static async Task<ChangeRecord> ApplyAsync(ChangeContext context, EndpointChange change, EndpointInfo existing, string? policy, CancellationToken cancellationToken)
    {
        var description = Describe(change, existing);
        var intent = context.Intent(new JournalEntry
        {
            Type = JournalEntryTypes.Intent,
            Action = ChangeActions.ModifyEndpoint,
            ScenarioAction = ChangeActions.ModifyEndpoint,
            ResourceId = existing.Id,
            EndpointChange = change,
            Description = description,
        });
        await context.Ec2.ModifyVpcEndpointAsync(
            new()
            {
                VpcEndpointId = existing.Id,
                AddRouteTableIds = change.AddedRouteTableIds.Count > 0 ? [.. change.AddedRouteTableIds] : null,
                AddSubnetIds = change.AddedSubnetIds.Count > 0 ? [.. change.AddedSubnetIds] : null,
                PolicyDocument = change.PolicyReplaced ? policy : null,
            },
            cancellationToken).ConfigureAwait(false);
        context.Done(intent, existing.Id);

        // New ENIs (an added subnet) take the endpoint back to pending for a while.
        await EndpointReader.WaitAvailableAsync(context, existing.Id, cancellationToken).ConfigureAwait(false);
        return context.Record(ChangeActions.ModifyEndpoint, existing.Id, description, ChangeStatus.Applied);
    }

    /// <summary>Policies are compared as JSON, so whitespace and key order do not count as a difference.</summary>
    internal static bool SamePolicy(string wanted, string? current)
    {
        if (current is null)
        {
            return false;
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(wanted), JsonNode.Parse(current));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
