using System.Text.Json;
using Spectre.Console;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Reports.Snapshots;

/// <summary>`discover` for a person: one table per kind of resource. The layout may change; json is the stable form.</summary>
public sealed class SnapshotTableWriter : IReportWriter<VpcSnapshot>
{
    public ReportFormat Format => ReportFormat.Table;

    public string FileName => "discover.txt";

    public string Description => "one table per kind of resource, for a person (default)";

    public void Write(VpcSnapshot s, TextWriter writer)
    {
        var console = ConsoleFor.Writer(writer);
        console.MarkupLineInterpolated($"[bold]{s.VpcId}[/] in {s.Region}: {string.Join(", ", s.Cidrs)}");
        console.MarkupLineInterpolated($"enableDnsSupport={OnOff(s.EnableDnsSupport)}  enableDnsHostnames={OnOff(s.EnableDnsHostnames)}  flow logs: {(s.FlowLogIds.Count == 0 ? "none" : string.Join(", ", s.FlowLogIds))}");

        console.Write(Table("Subnets", ["AZ", "Subnet", "CIDR", "Kind", "Route table"], s.Subnets
            .OrderBy(x => x.AvailabilityZone, StringComparer.Ordinal).ThenBy(x => x.Cidr, StringComparer.Ordinal)
            .Select(x => new[] { x.AvailabilityZone, x.Id, x.Cidr, x.IsPublic ? "public" : "private", x.RouteTableId + (x.ExplicitAssociation ? "" : " (main)") })));

        console.Write(Table("Route tables", ["Route table", "Main", "Subnets", "Destination", "Target"], s.RouteTables
            .SelectMany(t => t.Routes.Select((r, i) => new[]
            {
                i == 0 ? t.Id : "", i == 0 && t.IsMain ? "yes" : "", i == 0 ? string.Join(" ", t.SubnetIds) : "",
                r.Destination, $"{r.TargetKind} {r.TargetId}".Trim(),
            }))));

        console.Write(Table("NAT gateways", ["NAT gateway", "Subnet", "State", "Private IP", "Public IP"], s.NatGateways
            .Select(n => new[] { n.Id, n.SubnetId, n.State, n.PrivateIp ?? "", n.PublicIp ?? "" })));

        console.Write(Table("Endpoints", ["Endpoint", "Service", "Type", "State", "Private DNS", "Placement", "Security groups", "Policy"], s.Endpoints
            .Select(e => new[]
            {
                e.Id, e.ServiceName, e.Type.ToString(), e.State, e.Type == EndpointType.Interface ? OnOff(e.PrivateDnsEnabled) : "",
                string.Join(" ", e.Type == EndpointType.Gateway ? e.RouteTableIds : e.SubnetIds), string.Join(" ", e.SecurityGroupIds), Compact(e.PolicyDocument),
            })));

        console.Write(Table("Instances", ["Instance", "Subnet", "AZ", "Private IP", "State", "SSM ping"], s.Instances
            .Select(i => new[]
            {
                i.Id, i.SubnetId, i.AvailabilityZone ?? "", i.PrivateIp ?? "", i.State ?? "",
                i.SsmPingStatus ?? (s.SsmPingStatusKnown ? "not managed" : "unknown"),
            })));
    }

    private static Table Table(string title, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        }

        if (table.Rows.Count == 0)
        {
            table.AddRow(headers.Select((_, i) => (Spectre.Console.Rendering.IRenderable)new Text(i == 0 ? "(none)" : "")).ToArray());
        }

        return table;
    }

    private static string OnOff(bool value) => value ? "on" : "off";

    // AWS returns policies pretty-printed; one line keeps the table readable without losing anything.
    private static string Compact(string? policy)
    {
        if (string.IsNullOrWhiteSpace(policy))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(policy);
            return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            return policy;
        }
    }
}
