using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// VPC endpoints that exist before any run: Gateway endpoints on their route tables, Interface endpoints in their
/// subnets with their security groups and private DNS; a policy when given (else AWS's full-access default).
/// </summary>
internal sealed class EndpointSeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var vpcId = ledger.Id(SeedKinds.Vpc, topology.Vpc.Name);
        var ids = await SeedParallel.MapAsync(topology.Endpoints, async (endpoint, token) => (await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
        {
            VpcId = vpcId,
            VpcEndpointType = endpoint.Type,
            ServiceName = $"com.amazonaws.{topology.Region}.{endpoint.Service}",
            RouteTableIds = endpoint.IsGateway ? [.. endpoint.RouteTables.Select(r => ledger.Id(SeedKinds.RouteTable, r))] : null,
            SubnetIds = endpoint.IsGateway ? null : [.. endpoint.Subnets.Select(s => ledger.Id(SeedKinds.Subnet, s))],
            SecurityGroupIds = endpoint.IsGateway || endpoint.SecurityGroups.Count == 0 ? null : [.. endpoint.SecurityGroups.Select(g => ledger.Id(SeedKinds.SecurityGroup, g))],
            PrivateDnsEnabled = endpoint.IsGateway ? null : endpoint.PrivateDns ?? true,
            PolicyDocument = endpoint.Policy?.GetRawText(),
            TagSpecifications = Ec2Tags.Spec("vpc-endpoint", endpoint.DisplayName, endpoint.Tags),
        }, token).ConfigureAwait(false)).VpcEndpoint.VpcEndpointId, ct).ConfigureAwait(false);
        ledger.AddAll(SeedKinds.Endpoint, topology.Endpoints, ids, x => x.DisplayName, x => x.SourceId);
    }
}
