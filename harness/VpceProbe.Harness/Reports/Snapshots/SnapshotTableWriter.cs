using System.Text.Json;
using Spectre.Console;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Reports.Terminal;

namespace VpceProbe.Harness.Reports.Snapshots;

/// <summary>`discover` for a person: one table per kind of resource. The layout may change; json is the stable form.</summary>
/// <param name="width">Columns to lay out for (tests); by default the terminal's.</param>
internal sealed class SnapshotTableWriter(int? width = null) : TableWriter<VpcSnapshot>("discover.txt", "one table per kind of resource, for a person (default)", width)
{
    protected override void Write(VpcSnapshot s, IAnsiConsole console, TextWriter writer)
    {
        console.MarkupLineInterpolated($"[bold]{s.VpcId}[/] in {s.Region}: {string.Join(", ", s.Cidrs)}");
        console.MarkupLineInterpolated($"enableDnsSupport={OnOff(s.EnableDnsSupport)}  enableDnsHostnames={OnOff(s.EnableDnsHostnames)}  flow logs: {(s.FlowLogIds.Count == 0 ? "none" : string.Join(", ", s.FlowLogIds))}");

        Table(console, writer, "Subnets", ["AZ", "Subnet", "CIDR", "Kind", "Route table"], s.Subnets
            .OrderBy(x => x.AvailabilityZone, StringComparer.Ordinal).ThenBy(x => x.Cidr, CidrOrder.Instance)
            .Select(x => new[] { x.AvailabilityZone, x.Id, x.Cidr, x.IsPublic ? "public" : "private", x.RouteTableId + (x.ExplicitAssociation ? "" : " (main)") }));

        Table(console, writer, "Route tables", ["Route table", "Main", "Subnets", "Destination", "Target"], s.RouteTables
            .SelectMany(t => t.Routes.Select((r, i) => new[]
            {
                i == 0 ? t.Id : "", i == 0 && t.IsMain ? "yes" : "", i == 0 ? string.Join(" ", t.SubnetIds) : "",
                r.Destination, $"{r.TargetKind} {r.TargetId}".Trim(),
            })));

        Table(console, writer, "NAT gateways", ["NAT gateway", "Subnet", "State", "Private IP", "Public IP"], s.NatGateways
            .Select(n => new[] { n.Id, n.SubnetId, n.State, n.PrivateIp ?? "", n.PublicIp ?? "" }));

        Table(console, writer, "Endpoints", ["Endpoint", "Service", "Type", "State", "Private DNS", "Placement", "Security groups", "Policy"], s.Endpoints
            .Select(e => new[]
            {
                e.Id, e.ServiceName, e.Type.ToString(), e.State, e.Type == EndpointType.Interface ? OnOff(e.PrivateDnsEnabled) : "",
                string.Join(" ", e.Type == EndpointType.Gateway ? e.RouteTableIds : e.SubnetIds), string.Join(" ", e.SecurityGroupIds), Compact(e.PolicyDocument),
            }));

        Table(console, writer, "Instances", ["Instance", "Subnet", "AZ", "Private IP", "State", "SSM ping"], s.Instances
            .Select(i => new[]
            {
                i.Id, i.SubnetId, i.AvailabilityZone ?? "", i.PrivateIp ?? "", i.State ?? "",
                i.SsmPingStatus ?? (s.SsmPingStatusKnown ? "not managed" : "unknown"),
            }));
    }

    private static void Table(IAnsiConsole console, TextWriter writer, string title, string[] headers, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        FittedTable.Write(console, writer, title, headers, list.Count > 0 ? list : [[.. headers.Select((_, i) => i == 0 ? "(none)" : "")]]);
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
