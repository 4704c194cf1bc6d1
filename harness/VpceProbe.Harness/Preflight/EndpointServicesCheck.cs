using Amazon.EC2;
using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Preflight;

/// <summary>
/// Every interface endpoint service the scenario creates exists in the VPC's region, asked of
/// DescribeVpcEndpointServices before any change. Without it a misspelt service fails only at
/// CreateVpcEndpoint, after the NAT routes are gone. AWS (and moto) answer InvalidServiceName for a name the
/// region does not offer (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointServices.html).
/// Gateway services are checked by the scenario reader (s3, dynamodb) and the VPC's prefix lists.
/// </summary>
internal static class EndpointServicesCheck
{
    public const string InvalidServiceName = "InvalidServiceName";

    public static async Task<IReadOnlyList<PreflightFinding>> RunAsync(IAmazonEC2 ec2, ScenarioDefinition scenario, string region, CancellationToken cancellationToken)
    {
        var services = scenario.Phases.SelectMany(p => p.Actions)
            .Where(a => a.Type == ActionTypes.CreateInterfaceEndpoint && a.Service is not null)
            .Select(a => a.Service!);
        var missing = await MissingAsync(ec2, region, services, cancellationToken).ConfigureAwait(false);
        return [.. missing.Select(name => new PreflightFinding(Refuse: true,
            $"create-interface-endpoint: {name} is not an endpoint service in {region} (DescribeVpcEndpointServices: {InvalidServiceName}); "
            + "check the service name (aws ec2 describe-vpc-endpoint-services lists them)"))];
    }

    /// <summary>The full names (com.amazonaws.REGION.SERVICE) of the <paramref name="services"/> the region does not offer.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(IAmazonEC2 ec2, string region, IEnumerable<string> services, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var name in services.Distinct(StringComparer.Ordinal).Select(s => $"com.amazonaws.{region}.{s}"))
        {
            try
            {
                await ec2.DescribeVpcEndpointServicesAsync(new() { ServiceNames = [name] }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode == InvalidServiceName)
            {
                missing.Add(name);
            }
        }

        return missing;
    }
}
