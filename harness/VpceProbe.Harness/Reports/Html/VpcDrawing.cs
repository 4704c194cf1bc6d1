using System.Net;
using System.Text;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Reports.Html;

/// <summary>
/// The VPC as an SVG: AZs as columns, public then private subnets (by address), each with its route table and
/// notable (non-local) routes, the NAT gateways, interface endpoint ENIs and instances inside; the internet
/// gateway and gateway endpoints along the top. Every subnet, endpoint, instance, NAT and internet gateway is
/// one &lt;g&gt; with class and data-id, so a test (or a person's devtools) can find them. Changes, failed
/// instances and findings are marked in text as well as colour ("removed", "NEW", "✗ 2 failed", pin numbers).
/// </summary>
internal sealed class VpcDrawing
{
    private const int Column = 390;
    private const int Gap = 16;
    private const int Line = 15;
    private const int ItemHeight = 22;
    private const int MaxChars = 54;

    private readonly VpcSnapshot _vpc;
    private readonly DrawingMarks _marks;
    private readonly StringBuilder _svg = new();
    private readonly Dictionary<string, (int X, int Y)> _anchors = new(StringComparer.Ordinal);
    private readonly List<(string Kind, string Id, int X, int Y, int Width)> _slots = [];

    private VpcDrawing(VpcSnapshot vpc, DrawingMarks marks)
    {
        _vpc = vpc;
        _marks = marks;
    }

    public static void Write(TextWriter writer, VpcSnapshot vpc, DrawingMarks marks, string caption) =>
        writer.Write(new VpcDrawing(vpc, marks).Render(caption));

    private string Render(string caption)
    {
        var azs = _vpc.Subnets.Select(s => s.AvailabilityZone).Distinct().Order(StringComparer.Ordinal).ToList();
        var width = Math.Max(1, azs.Count) * (Column + Gap) + Gap;
        var gateways = Endpoints().Where(e => e.Type == EndpointType.Gateway).ToList();
        var top = 58 + (gateways.Count == 0 ? 0 : 30 * (int)Math.Ceiling(gateways.Count / (double)Math.Max(1, (width - Gap) / 250)));
        var body = new StringBuilder();
        var columnsBottom = top;
        for (var i = 0; i < azs.Count; i++)
        {
            columnsBottom = Math.Max(columnsBottom, Az(body, azs[i], Gap + (i * (Column + Gap)), top));
        }

        var height = columnsBottom + Gap;
        _svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"vpc-drawing\" width=\"{width + 20}\" height=\"{height + 20}\" viewBox=\"0 0 {width + 20} {height + 20}\" role=\"img\" aria-label=\"{E(caption)}\">\n");
        _svg.Append($"<title>{E(caption)}</title>\n");
        _svg.Append($"<g class=\"vpc\" data-id=\"{E(_vpc.VpcId)}\"><rect x=\"10\" y=\"10\" width=\"{width}\" height=\"{height}\" rx=\"8\"/>");
        _svg.Append($"<text class=\"label\" x=\"22\" y=\"32\">VPC {E(_vpc.VpcId)} · {E(string.Join(", ", _vpc.Cidrs))}</text>");
        _svg.Append($"<text x=\"22\" y=\"50\">DNS support {OnOff(_vpc.EnableDnsSupport)}, DNS hostnames {OnOff(_vpc.EnableDnsHostnames)} · {_vpc.Region}</text></g>\n");
        _anchors[_vpc.VpcId] = (width, 16);
        InternetGateways(width);
        GatewayEndpoints(gateways, width);
        _svg.Append(body);
        Slots();
        Pins();
        _svg.Append("</svg>\n");
        return _svg.ToString();
    }

    private int Az(StringBuilder body, string az, int x, int top)
    {
        var y = top + 24;
        var subnets = _vpc.Subnets.Where(s => s.AvailabilityZone == az)
            .OrderBy(s => s.IsPublic ? 0 : 1).ThenBy(s => s.Cidr, CidrOrder.Instance).ToList();
        var inner = new StringBuilder();
        foreach (var subnet in subnets)
        {
            y = Subnet(inner, subnet, x + 10, y) + 10;
        }

        body.Append($"<g class=\"az\" data-id=\"{E(az)}\"><rect x=\"{x + 10}\" y=\"{top}\" width=\"{Column}\" height=\"{y - top}\" rx=\"6\"/>");
        body.Append($"<text class=\"label\" x=\"{x + 20}\" y=\"{top + 17}\">{E(az)}</text></g>\n");
        body.Append(inner);
        return y;
    }

    /// <returns>The bottom of the subnet's box.</returns>
    private int Subnet(StringBuilder body, SubnetInfo subnet, int x, int y)
    {
        var width = Column - 20;
        var table = _vpc.RouteTables.FirstOrDefault(t => t.Id == subnet.RouteTableId);
        var lines = new List<(string Text, string Class)>
        {
            ($"{(subnet.IsPublic ? "public" : "private")} subnet{NameOf(subnet.Tags)}", "label"),
            ($"{subnet.Id} · {subnet.Cidr}", ""),
            ($"route table {subnet.RouteTableId}{(subnet.ExplicitAssociation ? "" : " (main)")}{NameOf(table?.Tags)}", ""),
        };
        foreach (var route in table?.Routes.Where(r => r.TargetKind != RouteTargetKind.Local) ?? [])
        {
            var added = _marks.AddedRoutes.Contains(DrawingMarks.RouteKey(subnet.RouteTableId, route));
            lines.Add(($"{(added ? "+ new: " : "  ")}{route.Destination} → {route.TargetId ?? route.TargetKind.ToString()}", added ? "added route" : "route"));
        }

        foreach (var route in _marks.RemovedRoutes.GetValueOrDefault(subnet.RouteTableId) ?? [])
        {
            lines.Add(($"  {route.Destination} → {route.TargetId ?? route.TargetKind.ToString()} (removed)", "removed route"));
        }

        var items = new List<(string Kind, string Id)>();
        items.AddRange(_vpc.NatGateways.Where(n => n.SubnetId == subnet.Id).Select(n => ("nat", n.Id)));
        items.AddRange(Endpoints().Where(e => e.Type != EndpointType.Gateway && e.SubnetIds.Contains(subnet.Id)).Select(e => ("endpoint", e.Id)));
        items.AddRange(_vpc.Instances.Where(i => i.SubnetId == subnet.Id).OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => ("instance", i.Id)));

        var height = 10 + (lines.Count * Line) + 6 + (items.Count * (ItemHeight + 4)) + 4;
        var kind = subnet.IsPublic ? "public" : "private";
        body.Append($"<g class=\"subnet {kind}\" data-id=\"{E(subnet.Id)}\"><title>{E($"{subnet.Id} {subnet.Cidr} {subnet.AvailabilityZone}, {kind}, route table {subnet.RouteTableId}")}</title>");
        body.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" rx=\"4\"/>");
        var ty = y + 4;
        foreach (var (text, cls) in lines)
        {
            ty += Line;
            var fitted = Fit(text);
            body.Append($"<text x=\"{x + 8}\" y=\"{ty}\"{(cls.Length > 0 ? $" class=\"{cls}\"" : "")}>{E(fitted)}</text>");
            if (cls.StartsWith("removed", StringComparison.Ordinal))
            {
                // text-decoration is not drawn by every SVG renderer (nor printed by all): a real line as well.
                body.Append($"<line class=\"strike\" x1=\"{x + 8}\" y1=\"{ty - 4}\" x2=\"{x + 8 + (int)(fitted.Length * 6.6)}\" y2=\"{ty - 4}\"/>");
            }
        }

        body.Append("</g>\n");
        _anchors.TryAdd(subnet.Id, (x + width, y));
        _anchors.TryAdd(subnet.RouteTableId, (x + width, y + 4 + (3 * Line) - 10));
        var iy = ty + 8;
        foreach (var (itemKind, id) in items)
        {
            _slots.Add((itemKind, id, x + 10, iy, width - 20));
            _anchors.TryAdd(id, (x + width - 10, iy));
            iy += ItemHeight + 4;
        }

        return y + height;
    }

    private void InternetGateways(int width)
    {
        var x = width - 200;
        foreach (var igw in _vpc.InternetGatewayIds)
        {
            _svg.Append($"<g class=\"igw\" data-id=\"{E(igw)}\"><title>internet gateway {E(igw)}</title><rect x=\"{x}\" y=\"18\" width=\"190\" height=\"{ItemHeight}\" rx=\"3\"/>");
            _svg.Append($"<text x=\"{x + 6}\" y=\"33\">IGW {E(igw)}</text></g>\n");
            _anchors.TryAdd(igw, (x + 190, 18));
            x -= 200;
        }
    }

    private void GatewayEndpoints(List<EndpointInfo> gateways, int width)
    {
        int x = 22, y = 62;
        foreach (var e in gateways)
        {
            if (x + 240 > width)
            {
                x = 22;
                y += 30;
            }

            var cls = Change(e);
            _svg.Append($"<g class=\"endpoint gateway{cls}\" data-id=\"{E(e.Id)}\"><title>{E(Title(e))}</title>");
            _svg.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"240\" height=\"{ItemHeight}\" rx=\"3\"/>");
            _svg.Append($"<text x=\"{x + 6}\" y=\"{y + 15}\"{TextClass(cls)}>{E(Fit($"{Tag(cls)}{e.ShortService} gateway {e.Id}", 34))}</text></g>\n");
            _anchors.TryAdd(e.Id, (x + 240, y));
            x += 250;
        }
    }

    private void Slots()
    {
        foreach (var group in _slots.GroupBy(s => (s.Kind, s.Id)))
        {
            var (kind, id) = group.Key;
            switch (kind)
            {
                case "endpoint":
                    var e = Endpoints().First(x => x.Id == id);
                    var cls = Change(e);
                    _svg.Append($"<g class=\"endpoint interface{cls}\" data-id=\"{E(id)}\"><title>{E(Title(e))}</title>");
                    foreach (var s in group)
                    {
                        Box(s.X, s.Y, s.Width, $"{Tag(cls)}ENI {e.ShortService} {id}", TextClass(cls));
                    }

                    _svg.Append("</g>\n");
                    break;
                case "nat":
                    var nat = _vpc.NatGateways.First(n => n.Id == id);
                    var slot = group.First();
                    _svg.Append($"<g class=\"nat\" data-id=\"{E(id)}\"><title>NAT gateway {E(id)} ({E(nat.State)})</title>");
                    Box(slot.X, slot.Y, slot.Width, $"NAT {id} {nat.PrivateIp} {nat.PublicIp}".TrimEnd(), "");
                    _svg.Append("</g>\n");
                    break;
                default:
                    Instance(group.First());
                    break;
            }
        }
    }

    private void Instance((string Kind, string Id, int X, int Y, int Width) slot)
    {
        var instance = _vpc.Instances.First(i => i.Id == slot.Id);
        var failed = _marks.FailedInstances.GetValueOrDefault(slot.Id);
        _svg.Append($"<g class=\"instance{(failed > 0 ? " failed" : "")}\" data-id=\"{E(slot.Id)}\"><title>{E($"instance {slot.Id} {instance.PrivateIp} {instance.State}{NameOf(instance.Tags)}")}</title>");
        var status = failed > 0 ? $"✗ {failed} failed" : "";
        Box(slot.X, slot.Y, slot.Width, Fit($"EC2 {slot.Id} {instance.PrivateIp}{NameOf(instance.Tags)}", MaxChars - 6 - status.Length), "");
        if (failed > 0)
        {
            _svg.Append($"<text class=\"status\" x=\"{slot.X + slot.Width - 6}\" y=\"{slot.Y + 15}\" text-anchor=\"end\">{E(status)}</text>");
        }

        _svg.Append("</g>\n");
    }

    private void Box(int x, int y, int width, string text, string textClass)
    {
        _svg.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{ItemHeight}\" rx=\"3\"/>");
        _svg.Append($"<text x=\"{x + 6}\" y=\"{y + 15}\"{textClass}>{E(Fit(text))}</text>");
    }

    private void Pins()
    {
        foreach (var (resource, numbers) in _marks.Pins)
        {
            var (x, y) = Anchor(resource);
            for (var i = 0; i < numbers.Count; i++)
            {
                var cx = x - 8 - (i * 20);
                _svg.Append($"<g class=\"pin\" data-finding=\"{numbers[i]}\" data-resource=\"{E(resource)}\"><title>finding {numbers[i]} on {E(resource)}</title>");
                _svg.Append($"<circle cx=\"{cx}\" cy=\"{y + 2}\" r=\"9\"/><text x=\"{cx}\" y=\"{y + 6}\">{numbers[i]}</text></g>\n");
            }
        }
    }

    /// <summary>Where a finding's resource is drawn: itself, else what it belongs to (a group to its endpoint, an ACL to its subnet), else the VPC.</summary>
    private (int X, int Y) Anchor(string resource)
    {
        if (_anchors.TryGetValue(resource, out var at))
        {
            return at;
        }

        var owner = _vpc.Endpoints.FirstOrDefault(e => e.SecurityGroupIds.Contains(resource))?.Id
            ?? _vpc.NetworkAcls.FirstOrDefault(a => a.Id == resource)?.SubnetIds.FirstOrDefault(_anchors.ContainsKey);
        return owner is not null && _anchors.TryGetValue(owner, out var ownerAt) ? ownerAt : _anchors[_vpc.VpcId];
    }

    /// <summary>Live endpoints, and those this picture shows as just deleted.</summary>
    private IEnumerable<EndpointInfo> Endpoints() =>
        _vpc.Endpoints.Where(EndpointStates.IsLive).Concat(_marks.RemovedEndpoints).OrderBy(e => e.Id, StringComparer.Ordinal);

    private string Change(EndpointInfo e) =>
        _marks.AddedEndpoints.Contains(e.Id) ? " added" : _marks.RemovedEndpoints.Any(r => r.Id == e.Id) ? " removed" : "";

    private static string Tag(string change) => change switch { " added" => "NEW ", " removed" => "deleted ", _ => "" };

    private static string TextClass(string change) => change.Length == 0 ? "" : $" class=\"{change.Trim()}\"";

    private static string Title(EndpointInfo e) =>
        $"{e.Id} {e.ServiceName} ({e.Type.ToString().ToLowerInvariant()}, {e.State}){(e.Type == EndpointType.Interface ? $", private DNS {OnOff(e.PrivateDnsEnabled)}" : "")}";

    private static string NameOf(IReadOnlyDictionary<string, string>? tags) =>
        tags is not null && tags.TryGetValue("Name", out var name) && name.Length > 0 ? $" “{name}”" : "";

    private static string OnOff(bool on) => on ? "on" : "off";

    // Ids are short and never cut; what can be long is a Name tag, which is cut (the <title> has it whole).
    private static string Fit(string text, int max = MaxChars) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
