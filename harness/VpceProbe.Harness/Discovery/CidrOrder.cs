using System.Net;
using System.Numerics;

namespace VpceProbe.Harness.Discovery;

/// <summary>Orders CIDRs by address, then prefix length: 10.42.2.0/24 before 10.42.12.0/24 (text order gets that wrong).</summary>
internal sealed class CidrOrder : IComparer<string>
{
    public static readonly CidrOrder Instance = new();

    public int Compare(string? x, string? y) => Key(x).CompareTo(Key(y));

    /// <summary>IPv4 before IPv6, then the address as a number, then the prefix; text that is no CIDR sorts last.</summary>
    private static (int Family, BigInteger Address, int Prefix, string Text) Key(string? cidr) =>
        IPNetwork.TryParse(cidr, out var network)
            ? (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1,
                new BigInteger(network.BaseAddress.GetAddressBytes(), isUnsigned: true, isBigEndian: true), network.PrefixLength, "")
            : (2, BigInteger.Zero, 0, cidr ?? "");
}
