using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// NAT instances: an x86_64 instance in its public subnet whose source/destination check is turned off, as a NAT
/// instance needs (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html); routes reach it by InstanceId.
/// </summary>
internal sealed class NatInstanceSeeder(IAmazonEC2 ec2, ImageCatalog images, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var ids = await SeedParallel.MapAsync(topology.NatInstances, async (nat, token) =>
        {
            var run = await ec2.RunInstancesAsync(new RunInstancesRequest
            {
                ImageId = await images.ImageIdAsync(nat.ImageNamePattern ?? Architectures.DefaultImagePattern(Architectures.X86), Architectures.X86, token).ConfigureAwait(false),
                InstanceType = nat.InstanceType ?? Architectures.DefaultInstanceType(Architectures.X86),
                MinCount = 1,
                MaxCount = 1,
                SubnetId = ledger.Id(SeedKinds.Subnet, nat.Subnet),
                PrivateIpAddress = nat.PrivateIp,
                SecurityGroupIds = nat.SecurityGroups.Count == 0 ? null : [.. nat.SecurityGroups.Select(g => ledger.Id(SeedKinds.SecurityGroup, g))],
                TagSpecifications = Ec2Tags.Spec("instance", nat.Name, nat.Tags),
            }, token).ConfigureAwait(false);
            var id = run.Reservation.Instances[0].InstanceId;
            await ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest { InstanceId = id, SourceDestCheck = false }, token).ConfigureAwait(false);
            return id;
        }, ct).ConfigureAwait(false);
        ledger.AddAll(SeedKinds.NatInstance, topology.NatInstances, ids, x => x.Name, x => x.SourceId);
    }
}
