using System.Net;

namespace VpceProbe.Harness.Audit;

/// <summary>CIDR arithmetic the rules need: does one range hold another, do two ranges share addresses.</summary>
public static class Cidrs
{
    /// <summary>True when every address of <paramref name="inner"/> is in <paramref name="outer"/> (same family only).</summary>
    public static bool Contains(string outer, string inner) =>
        TryParse(outer, out var o) && TryParse(inner, out var i)
        && o.BaseAddress.AddressFamily == i.BaseAddress.AddressFamily
        && o.PrefixLength <= i.PrefixLength && o.Contains(i.BaseAddress);

    /// <summary>True when the two ranges share at least one address (one of two CIDRs always holds the other, or neither).</summary>
    public static bool Overlaps(string a, string b) => Contains(a, b) || Contains(b, a);

    public static bool IsAnywhere(string cidr) => cidr is "0.0.0.0/0" or "::/0";

    private static bool TryParse(string cidr, out IPNetwork network)
    {
        // IPNetwork rejects host bits set (10.0.0.1/16); AWS never returns those, so a failure means "not a CIDR".
        return IPNetwork.TryParse(cidr, out network);
    }
}
