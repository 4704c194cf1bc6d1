using Amazon.EC2;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Run;

/// <summary>The VPC a run is about: --vpc, else the scenario's id, else the VPC whose Name tag the scenario names.</summary>
internal static class VpcLocator
{
    public static async Task<string> ResolveAsync(IAmazonEC2 ec2, ScenarioDefinition scenario, string? vpcOption, CancellationToken cancellationToken)
    {
        if ((vpcOption ?? scenario.VpcId) is { } id)
        {
            return id;
        }

        if (scenario.VpcName is null)
        {
            throw new ScenarioException([new(scenario.Source, 0, "no VPC: give --vpc ID, or vpc: / vpcName: in the scenario")]);
        }

        var ids = await NamedAsync(ec2, scenario.VpcName, cancellationToken).ConfigureAwait(false);
        return ids.Count == 1
            ? ids[0]
            : throw new ScenarioException([new(scenario.Source, 0, ids.Count == 0
                ? $"no VPC is named '{scenario.VpcName}' in this region; give --vpc ID"
                : $"{ids.Count} VPCs are named '{scenario.VpcName}' ({string.Join(", ", ids)}); give --vpc ID")]);
    }

    /// <summary>The ids of the VPCs whose Name tag is <paramref name="name"/> (the caller says what none or several mean).</summary>
    public static async Task<IReadOnlyList<string>> NamedAsync(IAmazonEC2 ec2, string name, CancellationToken cancellationToken)
    {
        var response = await ec2.DescribeVpcsAsync(new() { Filters = [new("tag:Name", [name])] }, cancellationToken).ConfigureAwait(false);
        return (response.Vpcs ?? []).Select(v => v.VpcId).ToList();
    }
}
