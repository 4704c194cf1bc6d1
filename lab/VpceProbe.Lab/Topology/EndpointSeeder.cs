using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// VPC endpoints that exist before any run: Gateway endpoints on their route tables, Interface endpoints in their
/// subnets with their security groups and private DNS; a policy when given (else AWS's full-access default).
/// Interface endpoints are created without waiting for the route tables, so their `pending` time passes while the
/// rest of the topology is seeded; gateway endpoints wait for them.
/// </summary>
internal sealed class EndpointSeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    /// <param name="routeTablesSeeded">Done when the route tables are made (its failure is this family's).</param>
    public async Task SeedAsync(LabTopology topology, Task routeTablesSeeded, CancellationToken ct)
    {
        var vpcId = ledger.Id(SeedKinds.Vpc, topology.Vpc.Name);
        var ids = new string[topology.Endpoints.Count];
        var indexed = topology.Endpoints.Select((endpoint, index) => (endpoint, index)).ToList();
        Task Create(IEnumerable<(EndpointSpec Endpoint, int Index)> endpoints) => SeedParallel.ForEachAsync(endpoints, async (e, token) =>
            ids[e.Index] = await CreateAsync(vpcId, topology.Region, e.Endpoint, token).ConfigureAwait(false), ct);

        async Task CreateGatewaysAsync()
        {
            await routeTablesSeeded.ConfigureAwait(false);
            await Create(indexed.Where(e => e.endpoint.IsGateway)).ConfigureAwait(false);
        }

        await Task.WhenAll(Create(indexed.Where(e => !e.endpoint.IsGateway)), CreateGatewaysAsync()).ConfigureAwait(false);
        ledger.AddAll(SeedKinds.Endpoint, topology.Endpoints, ids, x => x.DisplayName, x => x.SourceId);
    }

    private async Task<string> CreateAsync(string vpcId, string region, EndpointSpec endpoint, CancellationToken ct) =>
        (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpcId,
            VpcEndpointType = endpoint.Type,
            ServiceName = $"com.amazonaws.{region}.{endpoint.Service}",
            RouteTableIds = endpoint.IsGateway ? [.. endpoint.RouteTables.Select(r => ledger.Id(SeedKinds.RouteTable, r))] : null,
            SubnetIds = endpoint.IsGateway ? null : [.. endpoint.Subnets.Select(s => ledger.Id(SeedKinds.Subnet, s))],
            SecurityGroupIds = endpoint.IsGateway || endpoint.SecurityGroups.Count == 0 ? null : [.. endpoint.SecurityGroups.Select(g => ledger.Id(SeedKinds.SecurityGroup, g))],
            PrivateDnsEnabled = endpoint.IsGateway ? null : endpoint.PrivateDns ?? true,
            PolicyDocument = endpoint.Policy?.GetRawText(),
            TagSpecifications = Ec2Tags.Spec("vpc-endpoint", endpoint.DisplayName, endpoint.Tags),
        }, ct).ConfigureAwait(false)).VpcEndpoint.VpcEndpointId;
}
