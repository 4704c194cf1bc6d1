using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Twin;

/// <summary>The snapshot being converted, the report, and the names given so far, shared by the per-kind converters.</summary>
internal sealed class TwinScope
{
    public TwinScope(SnapshotDocument snapshot, Cidr vpcCidr)
    {
        Snapshot = snapshot;
        VpcCidr = vpcCidr;
        Subnets = new("subnet", Report);
        RouteTables = new("route table", Report);
        NetworkAcls = new("network ACL", Report);
        NatGateways = new("NAT gateway", Report);
        SecurityGroups = new("security group", Report);
        Instances = new("instance", Report);
        Endpoints = new("endpoint", Report);
    }

    public SnapshotDocument Snapshot { get; }

    public Cidr VpcCidr { get; }

    public TwinReport Report { get; } = new();

    public TwinNames Subnets { get; }

    public TwinNames RouteTables { get; }

    public TwinNames NetworkAcls { get; }

    public TwinNames NatGateways { get; }

    public TwinNames SecurityGroups { get; }

    /// <summary>Instances and NAT instances share one namespace of names (both are EC2 instances in the lab).</summary>
    public TwinNames Instances { get; }

    public TwinNames Endpoints { get; }

    public string? InternetGateway { get; set; }

    /// <summary>
    /// The tags a topology can carry: Name becomes the resource's name, and "aws:" keys are AWS's own (nobody can set
    /// them, so the twin cannot have them; reported).
    /// </summary>
    public IReadOnlyDictionary<string, string> Tags(string sourceId, IReadOnlyDictionary<string, string> tags)
    {
        foreach (var key in tags.Keys.Where(Reserved))
        {
            Report.Leave(sourceId, $"tag {key}", "tags starting with 'aws:' are set by AWS only");
        }

        return tags.Where(t => t.Key != "Name" && !Reserved(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

    private static bool Reserved(string key) => key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase);
}
