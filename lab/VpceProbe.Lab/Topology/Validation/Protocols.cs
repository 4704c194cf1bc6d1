namespace VpceProbe.Lab.Topology.Validation;

/// <summary>The protocols NACL and security group rules take, and the port rules that go with them.</summary>
internal static class Protocols
{
    public static IReadOnlyList<string> All { get; } = ["tcp", "udp", "icmp", "-1"];

    /// <summary>tcp and udp need a port range 0-65535 (from ≤ to); icmp and -1 (all) take no ports.</summary>
    public static void CheckPorts(TopologyContext context, string path, string protocol, int? from, int? to)
    {
        if (!All.Contains(protocol))
        {
            context.Error($"{path}.protocol", $"'{protocol}': one of {string.Join(", ", All.Select(p => $"\"{p}\""))}");
            return;
        }

        if (protocol is "tcp" or "udp")
        {
            if (from is null || to is null)
            {
                context.Error(path, $"{protocol} needs fromPort and toPort");
                return;
            }

            foreach (var (name, port) in new[] { ("fromPort", from.Value), ("toPort", to.Value) }.Where(p => p.Item2 is < 0 or > 65535))
            {
                context.Error($"{path}.{name}", $"{port}: a port is 0 to 65535");
            }

            if (from > to)
            {
                context.Error(path, $"fromPort {from} is above toPort {to}");
            }
        }
        else if (from is not null || to is not null)
        {
            context.Error(path, $"protocol {protocol} takes no ports (drop fromPort/toPort)");
        }
    }
}
