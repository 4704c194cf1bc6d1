using System.Globalization;
using System.Net;
using System.Net.Sockets;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Topology.Validation;

/// <summary>The topology under validation with the helpers every check shares: names, references, CIDRs, tags.</summary>
internal sealed class TopologyContext(LabTopology topology, TopologyErrors errors)
{
    /// <summary>AWS: tag keys up to 128 characters, values up to 256, 50 tags per resource; "aws:" is reserved.</summary>
    private const int MaxTags = 50;

    public LabTopology Topology { get; } = topology;

    /// <summary>The VPC's block, when it is valid (checks that need it skip quietly otherwise: its error is reported once).</summary>
    public Cidr? VpcCidr { get; } = TryCidr(topology.Vpc.Cidr, out var cidr) is null ? cidr : null;

    public void Error(string path, string message) => errors.Add(path, message);

    /// <summary>Names must be unique within a kind: the seeder and every reference find resources by name.</summary>
    public void Unique<T>(IReadOnlyList<T> items, string collection, Func<T, string?> name)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var value = name(items[i]);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!first.TryAdd(value, i))
            {
                Error($"{collection}[{i}].name", $"'{value}' is also the name of {collection}[{first[value]}]");
            }
        }
    }

    public void NotBlank(string path, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Error(path, "must not be empty");
        }
    }

    public void Bounded(string path, int count, int max, string why)
    {
        if (count > max)
        {
            Error(path, $"{count.ToString(CultureInfo.InvariantCulture)} entries; at most {max.ToString(CultureInfo.InvariantCulture)} ({why})");
        }
    }

    /// <summary>A reference to another resource by name: reports a dangling one and says what exists.</summary>
    public bool Reference(string path, string? name, string kind, IEnumerable<string> known)
    {
        if (name is null)
        {
            return false;
        }

        var names = known.ToList();
        if (names.Contains(name, StringComparer.Ordinal))
        {
            return true;
        }

        Error(path, names.Count == 0 ? $"no {kind} named '{name}' (the topology has none)" : $"no {kind} named '{name}' (known: {string.Join(", ", names)})");
        return false;
    }

    public void References(string path, IReadOnlyList<string> names, string kind, IEnumerable<string> known)
    {
        var knownList = known.ToList();
        for (var i = 0; i < names.Count; i++)
        {
            Reference($"{path}[{i}]", names[i], kind, knownList);
        }

        foreach (var duplicate in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Error(path, $"'{duplicate.Key}' is listed {duplicate.Count().ToString(CultureInfo.InvariantCulture)} times");
        }
    }

    /// <summary>A CIDR block: IPv4, prefix in range, and its network address (AWS refuses 10.0.0.5/16).</summary>
    public Cidr? CidrAt(string path, string text, int minPrefix = 0, int maxPrefix = 32)
    {
        if (TryCidr(text, out var cidr) is { } problem)
        {
            Error(path, problem);
            return null;
        }

        if (cidr.PrefixLength < minPrefix || cidr.PrefixLength > maxPrefix)
        {
            Error(path, $"{text}: the prefix length must be /{minPrefix.ToString(CultureInfo.InvariantCulture)} to /{maxPrefix.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return cidr;
    }

    /// <summary>The block when the text is a valid CIDR (its errors are reported where it is written).</summary>
    public static Cidr? Block(string text) => TryCidr(text, out var cidr) is null ? cidr : null;

    public static IPAddress? Address(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3 ? address : null;

    public void Tags(string path, IReadOnlyDictionary<string, string> tags, bool nameAllowed = false)
    {
        Bounded(path, tags.Count, MaxTags, "AWS's limit of tags per resource");
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                Error($"{path}.{key}", "a tag key is 1 to 128 characters and must not start with 'aws:'");
            }
            else if (!nameAllowed && key == "Name")
            {
                Error($"{path}.{key}", "the Name tag comes from the resource's name; drop it here");
            }

            if (value.Length > 256)
            {
                Error($"{path}.{key}", "a tag value is at most 256 characters");
            }
        }
    }

    private static string? TryCidr(string text, out Cidr cidr)
    {
        cidr = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || Address(text[..slash]) is not { } address
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            return $"'{text}' is not an IPv4 CIDR block such as 10.42.0.0/16";
        }

        cidr = Cidr.Parse(text);
        return Cidr.ToUInt(address) == cidr.Network ? null : $"{text} is not a network address; did you mean {cidr}?";
    }
}
