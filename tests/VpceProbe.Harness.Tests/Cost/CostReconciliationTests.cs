using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Tests.Cost;

/// <summary>
/// Totals that add up, as a property over generated VPCs (<see cref="GeneratedVpcs"/>): today's bill and the bill
/// after the move are computed again here from the snapshot, table by table, and must equal the estimator's (within
/// 10^-9: a third of a volume has 28 digits); a table on a gateway endpoint never pays NAT processing; the total after never drops below
/// the NAT hours.
/// </summary>
public class CostReconciliationTests
{
    private const int Cases = 400;

    [Fact]
    public void totals_reconcile_over_generated_vpcs()
    {
        var checkedTables = 0;
        for (var seed = 1; seed <= Cases; seed++)
        {
            var (vpc, book, inputs) = GeneratedVpcs.Generate(seed);
            var report = CostEstimator.Estimate(vpc, book, inputs);
            var oracle = new Oracle(vpc, book.Regions[GeneratedVpcs.Region], book.HoursPerMonth, report);
            var because = $"seed {seed}";

            Equal(report.Current.Sum(l => l.Monthly), report.CurrentTotal, because);
            Equal(oracle.NatHours, report.NatHours, because);
            Equal(oracle.Today, report.CurrentTotal, because);
            Equal(oracle.After, report.AfterTotal, because);
            Assert.True(report.AfterTotal >= report.NatHours, $"{because}: after {report.AfterTotal} < NAT hours {report.NatHours}");
            foreach (var service in report.Services)
            {
                Equal(inputs.GbFor(service.Service), service.GbPerMonth, $"{because}, {service.Service}: the volume asked for");
                var shares = report.Tables.Where(t => t.Service == service.Service).ToList();
                if (shares.Count > 0)
                {
                    Equal(service.GbPerMonth, shares.Sum(t => t.GbPerMonth), $"{because}, {service.Service}: the tables' shares add up to the volume");
                }

                var natLines = report.Current.Where(l => l.Kind == CostLineKind.NatProcessing && l.Service == service.Service).Sum(l => l.Monthly);
                Equal(natLines, service.ViaNat, $"{because}, {service.Service}: its NAT lines are what moving it saves in NAT processing");
                if (service.EndpointKind == "gateway")
                {
                    Assert.True(service.Saving >= 0, $"{because}, {service.Service}: a gateway endpoint never costs more");
                }
            }

            foreach (var table in report.Tables)
            {
                Assert.Equal(oracle.Path(table.Service, table.RouteTableId), table.Path);
                Assert.True(table.Path == TrafficPath.Nat || table.NatProcessing == 0, $"{because}: only a table through the NAT pays NAT processing");
                checkedTables++;
            }
        }

        Assert.True(checkedTables > Cases, $"the generator made too few private route tables to mean anything ({checkedTables})");
    }

    // Shares such as a third of a volume carry 28 digits, so sums taken in another order may differ in the last of them.
    private static void Equal(decimal expected, decimal actual, string because) =>
        Assert.True(Math.Abs(expected - actual) < 0.000000001m, $"{because}: expected {expected}, got {actual}");

    /// <summary>The bills computed from the snapshot again, with the report's shares (checked above to add up).</summary>
    private sealed class Oracle(VpcSnapshot vpc, RegionPrices prices, decimal hours, CostReport report)
    {
        private IEnumerable<EndpointInfo> Live => vpc.Endpoints.Where(e => e.State == "available");

        public decimal NatHours => vpc.NatGateways.Count(n => n.State == "available") * hours * prices.NatGatewayPerHour;

        public decimal Today =>
            NatHours
            + Live.Where(e => e.Type == EndpointType.Interface).Sum(e => Fixed(e) + CostEstimator.Tiered(Gb(e.ShortService, TrafficPath.InterfaceEndpoint), prices.InterfaceEndpointPerGb))
            + report.Tables.Where(t => Path(t.Service, t.RouteTableId) == TrafficPath.Nat).Sum(t => t.GbPerMonth * prices.NatGatewayPerGb);

        /// <summary>Every listed service through its endpoint: gateway traffic free, interface traffic on an existing or a new endpoint.</summary>
        public decimal After =>
            NatHours
            + Live.Where(e => e.Type == EndpointType.Interface).Sum(e => Fixed(e) + CostEstimator.Tiered(
                Gb(e.ShortService, TrafficPath.InterfaceEndpoint) + Gb(e.ShortService, TrafficPath.Nat), prices.InterfaceEndpointPerGb))
            + report.Services.Where(s => s.EndpointKind == "interface" && !Live.Any(e => e.ShortService == s.Service && e.Type == EndpointType.Interface))
                .Sum(s => (PrivateAzs * hours * prices.InterfaceEndpointPerAzHour) + CostEstimator.Tiered(Gb(s.Service, TrafficPath.Nat), prices.InterfaceEndpointPerGb));

        public TrafficPath Path(string service, string tableId)
        {
            if (Live.Any(e => e.Type == EndpointType.Gateway && e.ShortService == service && e.RouteTableIds.Contains(tableId)))
            {
                return TrafficPath.GatewayEndpoint;
            }

            if (Live.Any(e => e.Type == EndpointType.Interface && e.ShortService == service && e.PrivateDnsEnabled))
            {
                return TrafficPath.InterfaceEndpoint;
            }

            var table = vpc.RouteTables.Single(t => t.Id == tableId);
            return table.Routes.Any(r => r.DestinationCidr == "0.0.0.0/0" && r.TargetKind == RouteTargetKind.NatGateway) ? TrafficPath.Nat : TrafficPath.None;
        }

        private int PrivateAzs => Math.Max(1, vpc.Subnets.Where(s => !s.IsPublic).Select(s => s.AvailabilityZone).Distinct().Count());

        private decimal Gb(string service, TrafficPath path) =>
            report.Tables.Where(t => t.Service == service && Path(service, t.RouteTableId) == path).Sum(t => t.GbPerMonth);

        private decimal Fixed(EndpointInfo e) =>
            Math.Max(1, e.SubnetIds.Select(id => vpc.Subnets.Single(s => s.Id == id).AvailabilityZone).Distinct().Count()) * hours * prices.InterfaceEndpointPerAzHour;

    }
}
