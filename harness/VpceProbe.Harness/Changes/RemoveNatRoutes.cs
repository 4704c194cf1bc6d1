using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// Deletes the IPv4 default routes that send the targets' subnets to a NAT: a NAT gateway, a NAT instance
/// or an ENI. Routes to an internet gateway are left alone (those subnets are public, not NATed).
/// </summary>
internal sealed class RemoveNatRoutes : IVpcChange
{
    public string Action => ActionTypes.RemoveNatRoutes;

    public IReadOnlyList<ChangeRecord> Preview(ChangeContext context) =>
        [.. NatRoutes(context).Select(r => context.Record(Action, r.RouteTableId, Describe(r), ChangeStatus.Planned))];

    public async Task<IReadOnlyList<ChangeRecord>> ApplyAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        var records = new List<ChangeRecord>();
        foreach (var route in NatRoutes(context))
        {
            var intent = context.Intent(new JournalEntry
            {
                Type = JournalEntryTypes.Intent,
                Action = ChangeActions.RemoveRoute,
                ScenarioAction = Action,
                ResourceId = route.RouteTableId,
                Route = route,
                Description = Describe(route),
            });
            await context.Ec2.DeleteRouteAsync(
                new() { RouteTableId = route.RouteTableId, DestinationCidrBlock = route.DestinationCidr }, cancellationToken).ConfigureAwait(false);
            context.Done(intent, route.RouteTableId);
            records.Add(context.Record(Action, route.RouteTableId, Describe(route), ChangeStatus.Applied));
        }

        return records;
    }

    public static IEnumerable<RouteToRestore> NatRoutes(ChangeContext context) =>
        from table in context.TargetRouteTables()
        from route in table.Routes
        where DefaultRoutes.IsNat(route)
        select new RouteToRestore(
            table.Id,
            DefaultRoutes.Ipv4,
            route.TargetKind == RouteTargetKind.NatGateway ? route.TargetId : null,
            route.TargetKind == RouteTargetKind.Instance ? route.TargetId : null,
            route.TargetKind == RouteTargetKind.NetworkInterface ? route.TargetId : null);

    private static string Describe(RouteToRestore r) => $"delete route {r.DestinationCidr} → {r.Target} from {r.RouteTableId}";
}
