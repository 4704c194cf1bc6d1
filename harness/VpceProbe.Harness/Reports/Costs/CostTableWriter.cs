using System.Globalization;
using Spectre.Console;
using VpceProbe.Harness.Cost;
using VpceProbe.Harness.Reports.Terminal;

namespace VpceProbe.Harness.Reports.Costs;

/// <summary>`cost` for a person: today's monthly cost, then NAT against endpoint per service, then which prices were used.</summary>
/// <param name="width">Columns to lay out for (tests); by default the terminal's.</param>
internal sealed class CostTableWriter(int? width = null) : TableWriter<CostReport>("cost.txt", "tables for a person (default)", width)
{
    protected override void Write(CostReport report, IAnsiConsole console, TextWriter writer)
    {
        var c = report.Prices.Currency;
        console.MarkupLineInterpolated($"[bold]vpceprobe cost[/] {report.VpcId} in {report.Region}, per month ({report.Prices.HoursPerMonth} h)");

        FittedTable.Write(
            console,
            writer,
            "Endpoints and NAT gateways today",
            ["Resource", "What", $"Monthly ({c})"],
            [.. report.Current.Select(l => new[] { l.Resource, l.What, Money(l.Monthly) }), ["total", "", Money(report.CurrentTotal)]]);
        FittedTable.Write(
            console,
            writer,
            "Per route table: how each service's traffic leaves today",
            ["Service", "Route table", "Subnets", "GB/month", "Path", $"NAT processing ({c})"],
            [.. report.Tables.Select(t => new[] { t.Service, t.RouteTableId, t.SubnetIds.Count.ToString(CultureInfo.InvariantCulture), Gb(t.GbPerMonth), PathText(t.Path), Money(t.NatProcessing) })]);
        FittedTable.Write(
            console,
            writer,
            "Through the NAT or through an endpoint",
            ["Service", "GB/month", "GB via NAT", "Endpoint", $"Via NAT ({c})", $"Via endpoint ({c})", $"Saving ({c})"],
            [.. report.Services.Select(s => new[]
            {
                s.Service, Gb(s.GbPerMonth), Gb(s.GbViaNat),
                $"{s.EndpointKind}{(s.EndpointKind == "interface" ? $", {s.EndpointAzs} AZ" : "")}{(s.EndpointPresent ? ", present" : "")}",
                Money(s.ViaNat), Money(s.ViaEndpoint), Money(s.Saving),
            })]);
        console.WriteLine("Saving: what the service's traffic through a NAT costs today (per GB, only from route tables without its endpoint) minus carrying it through its endpoint (gateway: free; interface: AZ-hours and per GB); negative means the endpoint costs more. NAT hours are only saved by removing the NAT gateway.");
        console.WriteLine($"Total today {Money(report.CurrentTotal)}, saving {Money(report.TotalSaving)}, after {Money(report.AfterTotal)} (of which NAT hours {Money(report.NatHours)}) {c} a month in {report.Region}");
        console.WriteLine($"Prices: {report.Prices.File}, taken {report.Prices.TakenOn}, region {report.Region}");
        foreach (var source in report.Prices.Sources)
        {
            console.WriteLine($"  source: {source}");
        }
    }

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Gb(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string PathText(TrafficPath path) => path switch
    {
        TrafficPath.GatewayEndpoint => "gateway endpoint (free)",
        TrafficPath.InterfaceEndpoint => "interface endpoint",
        TrafficPath.Nat => "NAT (the saving is here)",
        _ => "no endpoint, no NAT route",
    };
}
