using System.Text.Json;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// DescribeInstanceInformation's filters: InstanceInformationFilterList ({key, valueSet}) and Filters
/// ({Key, Values}), by InstanceIds and PingStatus; other keys match everything.
/// </summary>
internal static class SsmNodeFilter
{
    public static IEnumerable<ManagedNode> Apply(IEnumerable<ManagedNode> nodes, SsmInput input)
    {
        var filters = Read(input.Element("InstanceInformationFilterList"), "key", "valueSet")
            .Concat(Read(input.Element("Filters"), "Key", "Values"))
            .ToList();
        return nodes.Where(n => filters.All(f => Matches(n, f.Key, f.Values)));
    }

    private static bool Matches(ManagedNode node, string key, IReadOnlyList<string> values) => key switch
    {
        "InstanceIds" => values.Contains(node.InstanceId),
        "PingStatus" => values.Contains(node.PingStatus.ToString()),
        _ => true,
    };

    private static IEnumerable<(string Key, IReadOnlyList<string> Values)> Read(JsonElement? list, string keyName, string valuesName)
    {
        if (list is not { ValueKind: JsonValueKind.Array } array)
        {
            yield break;
        }

        foreach (var filter in array.EnumerateArray())
        {
            if (filter.TryGetProperty(keyName, out var key) && key.GetString() is { } k)
            {
                yield return (k, SsmInput.Strings(filter, valuesName));
            }
        }
    }
}
