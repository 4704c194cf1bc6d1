using System.Text.RegularExpressions;

namespace VpceProbe.Lab.Topology.Validation;

/// <summary>The file's header and the VPC: schema version, names, region, the VPC's block and DNS attributes.</summary>
internal sealed partial class VpcCheck : ITopologyCheck
{
    public void Check(TopologyContext context)
    {
        var t = context.Topology;
        if (t.SchemaVersion != LabTopology.CurrentSchemaVersion)
        {
            context.Error("schemaVersion", $"{t.SchemaVersion}: this vpceprobe reads schema version {LabTopology.CurrentSchemaVersion}");
        }

        if (!TopologyName().IsMatch(t.Name))
        {
            context.Error("name", $"'{t.Name}': 1 to 64 letters, digits, '.', '_' or '-'");
        }

        if (!Region().IsMatch(t.Region))
        {
            context.Error("region", $"'{t.Region}' is not an AWS region name such as us-east-1");
        }

        context.NotBlank("vpc.name", t.Vpc.Name);
        context.CidrAt("vpc.cidr", t.Vpc.Cidr, minPrefix: 16, maxPrefix: 28);
        context.Tags("vpc.tags", t.Vpc.Tags);
        if (t.Vpc.EnableDnsHostnames && !t.Vpc.EnableDnsSupport)
        {
            context.Error("vpc.enableDnsHostnames", "DNS hostnames need DNS support (enableDnsSupport: true), as in AWS");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex TopologyName();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex Region();
}
