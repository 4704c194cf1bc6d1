using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace VpceProbe.Lab.DataPlane;

/// <summary>An IPv4 CIDR block with the few operations the router needs (host n, contains).</summary>
internal readonly record struct Cidr(uint Network, int PrefixLength)
{
    public static Cidr Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = IPAddress.Parse(text[..slash]);
        var prefix = int.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return new Cidr(ToUInt(address) & mask, prefix);
    }

    public uint Size => PrefixLength == 0 ? uint.MaxValue : 1u << (32 - PrefixLength);

    /// <summary>The n-th address of the block (1 = the router in AWS, 2 = the resolver, 3 reserved).</summary>
    public IPAddress Host(uint n) => FromUInt(Network + n);

    public bool Contains(IPAddress address) => PrefixLength == 0 || (ToUInt(address) - Network) < Size;

    public override string ToString() => $"{FromUInt(Network)}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    public static uint ToUInt(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.MapToIPv4().GetAddressBytes());

    public static IPAddress FromUInt(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
