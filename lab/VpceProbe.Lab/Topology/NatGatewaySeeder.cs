using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>NAT gateways, in parallel: an Elastic IP each, then the gateway in its (public) subnet.</summary>
internal sealed class NatGatewaySeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var ids = await SeedParallel.MapAsync(topology.NatGateways, async (nat, token) =>
        {
            var eip = await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = DomainType.Vpc }, token).ConfigureAwait(false);
            return (await ec2.CreateNatGatewayAsync(new CreateNatGatewayRequest
            {
                SubnetId = ledger.Id(SeedKinds.Subnet, nat.Subnet), AllocationId = eip.AllocationId, TagSpecifications = Ec2Tags.Spec("natgateway", nat.Name, nat.Tags),
            }, token).ConfigureAwait(false)).NatGateway.NatGatewayId;
        }, ct).ConfigureAwait(false);
        ledger.AddAll(SeedKinds.NatGateway, topology.NatGateways, ids, x => x.Name, x => x.SourceId);
    }
}
