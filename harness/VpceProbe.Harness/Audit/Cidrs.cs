using System.Net;

namespace VpceProbe.Harness.Audit;

/// <summary>CIDR arithmetic the rules need: does one range hold another, do two ranges share addresses.</summary>
internal static class Cidrs
{
    /// <summary>True when every address of <paramref name="inner"/> is in <paramref name="outer"/> (same family only).</summary>
    public static bool Contains(string outer, string inner) =>
        TryParse(outer, out var o) && TryParse(inner, out var i)
        && o.BaseAddress.AddressFamily == i.BaseAddress.AddressFamily
        && o.PrefixLength <= i.PrefixLength && o.Contains(i.BaseAddress);

    /// <summary>True when the two ranges share at least one address (one of two CIDRs always holds the other, or neither).</summary>
    public static bool Overlaps(string a, string b) => Contains(a, b) || Contains(b, a);

    public static bool IsAnywhere(string cidr) => cidr is "0.0.0.0/0" or "::/0";

    /// <summary>The /N of a CIDR; -1 when it is not one.</summary>
    public static int PrefixLength(string cidr) => TryParse(cidr, out var network) ? network.PrefixLength : -1;

    /// <summary>The address at <paramref name="offset"/> from the range's base (the VPC resolver is base + 2); null when not an IPv4 CIDR.</summary>
    public static string? Offset(string cidr, int offset)
    {
        if (!TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return null;
        }

        var bytes = network.BaseAddress.GetAddressBytes();
        var value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)offset;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
    }

    private static bool TryParse(string cidr, out IPNetwork network)
    {
        // IPNetwork rejects host bits set (10.0.0.1/16); AWS never returns those, so a failure means "not a CIDR".
        return IPNetwork.TryParse(cidr, out network);
    }
}
