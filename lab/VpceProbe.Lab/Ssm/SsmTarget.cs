namespace VpceProbe.Lab.Ssm;

/// <summary>
/// One of SendCommand's Targets: Key "InstanceIds", "tag:NAME" or "tag-key" with its Values
/// (https://docs.aws.amazon.com/systems-manager/latest/userguide/send-commands-multiple.html). SSM resolves them to
/// managed nodes when the command is sent; resource groups are not emulated.
/// </summary>
internal sealed record SsmTarget(string Key, IReadOnlyList<string> Values)
{
    public const string TagPrefix = "tag:";

    public bool IsSupported => Key is "InstanceIds" or "tag-key" || (Key.StartsWith(TagPrefix, StringComparison.Ordinal) && Key.Length > TagPrefix.Length);

    public bool Selects(ManagedNode node) => Key switch
    {
        "InstanceIds" => Values.Contains(node.InstanceId, StringComparer.Ordinal),
        "tag-key" => Values.Any(node.Tags.ContainsKey),
        _ => node.Tags.TryGetValue(Key[TagPrefix.Length..], out var value) && Values.Contains(value, StringComparer.Ordinal),
    };

    /// <summary>The nodes every target selects (SSM ANDs several targets).</summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<SsmTarget> targets, IEnumerable<ManagedNode> nodes) =>
        [.. nodes.Where(n => targets.All(t => t.Selects(n))).Select(n => n.InstanceId)];
}
