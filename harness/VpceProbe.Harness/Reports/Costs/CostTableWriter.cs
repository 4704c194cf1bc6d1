using System.Globalization;
using Spectre.Console;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Cost;

namespace VpceProbe.Harness.Reports.Costs;

/// <summary>`cost` for a person: today's monthly cost, then NAT against endpoint per service, then which prices were used.</summary>
public sealed class CostTableWriter : IReportWriter<CostReport>
{
    public ReportFormat Format => ReportFormat.Table;

    public string FileName => "cost.txt";

    public string Description => "tables for a person (default)";

    public void Write(CostReport report, TextWriter writer)
    {
        var console = ConsoleFor.Writer(writer);
        var c = report.Prices.Currency;
        console.MarkupLineInterpolated($"[bold]vpceprobe cost[/] {report.VpcId} in {report.Region}, per month ({report.Prices.HoursPerMonth} h)");

        var current = new Table { Title = new TableTitle("Endpoints and NAT gateways today"), Border = TableBorder.Rounded };
        current.AddColumns("Resource", "What", $"Monthly ({c})");
        foreach (var line in report.Current)
        {
            current.AddRow(new Text(line.Resource), new Text(line.What), new Text(Money(line.Monthly)));
        }

        current.AddRow(new Text("total"), new Text(""), new Text(Money(report.CurrentTotal)));
        console.Write(current);

        var services = new Table { Title = new TableTitle("Through the NAT or through an endpoint"), Border = TableBorder.Rounded };
        services.AddColumns("Service", "GB/month", "Endpoint", $"Via NAT ({c})", $"Via endpoint ({c})", $"Saving ({c})");
        foreach (var s in report.Services)
        {
            var endpoint = $"{s.EndpointKind}{(s.EndpointKind == "interface" ? $", {s.EndpointAzs} AZ" : "")}{(s.EndpointPresent ? ", present" : "")}";
            services.AddRow(s.Service, s.GbPerMonth.ToString(CultureInfo.InvariantCulture), endpoint, Money(s.ViaNat), Money(s.ViaEndpoint), Money(s.Saving));
        }

        console.Write(services);
        console.WriteLine("Saving: what the service's traffic costs through the NAT (per GB) minus its endpoint (AZ-hours and per GB); negative means the endpoint costs more. NAT hours are only saved by removing the NAT gateway.");
        console.WriteLine($"Prices: {report.Prices.File}, taken {report.Prices.TakenOn}, region {report.Region}");
        foreach (var source in report.Prices.Sources)
        {
            console.WriteLine($"  source: {source}");
        }
    }

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
