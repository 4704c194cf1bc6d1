using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>The subnets, in parallel (each in its availability zone).</summary>
internal sealed class SubnetSeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var vpcId = ledger.Id(SeedKinds.Vpc, topology.Vpc.Name);
        var ids = await SeedParallel.MapAsync(topology.Subnets, async (subnet, token) => (await ec2.CreateSubnetAsync(new CreateSubnetRequest
        {
            VpcId = vpcId, CidrBlock = subnet.Cidr, AvailabilityZone = subnet.AvailabilityZone, TagSpecifications = Ec2Tags.Spec("subnet", subnet.Name, subnet.Tags),
        }, token).ConfigureAwait(false)).Subnet.SubnetId, ct).ConfigureAwait(false);
        ledger.AddAll(SeedKinds.Subnet, topology.Subnets, ids, x => x.Name, x => x.SourceId);
    }
}
