using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// The instances, fast enough for a fleet: one RunInstances per entry (MinCount = MaxCount = count) carrying the
/// tags every instance of the entry shares (the topology's, the SSM agent version the lab's SSM emulation reports,
/// the entry's name), then one CreateTags per instance for its own Name. Subnets are seeded in parallel, the
/// entries of one subnet one after the other (each RunInstances picks free addresses in its subnet).
/// </summary>
internal sealed class InstanceSeeder(IAmazonEC2 ec2, ImageCatalog images, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var launched = new List<string>[topology.Instances.Count];
        var bySubnet = topology.Instances.Select((spec, index) => (spec, index)).GroupBy(p => p.spec.Subnet).ToList();
        await SeedParallel.ForEachAsync(bySubnet, async (subnet, token) =>
        {
            foreach (var (spec, index) in subnet)
            {
                launched[index] = await RunAsync(spec, token).ConfigureAwait(false);
            }
        }, ct).ConfigureAwait(false);

        var named = topology.Instances.SelectMany((spec, index) => spec.ExpandedNames().Zip(launched[index], (name, id) => (spec, name, id))).ToList();
        await SeedParallel.ForEachAsync(named.Where(n => n.spec.Count > 1), async (n, token) =>
            await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [n.id], Tags = Ec2Tags.Of(n.name, null) }, token).ConfigureAwait(false), ct).ConfigureAwait(false);
        foreach (var (spec, name, id) in named)
        {
            ledger.Add(SeedKinds.Instance, name, id, spec.Count == 1 ? spec.SourceId : null);
        }
    }

    private async Task<List<string>> RunAsync(InstanceSpec spec, CancellationToken ct)
    {
        var shared = new Dictionary<string, string>(spec.Tags.ToDictionary())
        {
            [LabTags.SsmAgentVersion] = spec.SsmAgentVersion,
            [LabTags.TopologyName] = spec.Name,
        };
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = await images.ImageIdAsync(spec.EffectiveImageNamePattern, spec.Architecture, ct).ConfigureAwait(false),
            InstanceType = spec.EffectiveInstanceType,
            MinCount = spec.Count,
            MaxCount = spec.Count,
            SubnetId = ledger.Id(SeedKinds.Subnet, spec.Subnet),
            PrivateIpAddress = spec.PrivateIp,
            SecurityGroupIds = spec.SecurityGroups.Count == 0 ? null : [.. spec.SecurityGroups.Select(g => ledger.Id(SeedKinds.SecurityGroup, g))],
            IamInstanceProfile = spec.InstanceProfile is null ? null : new IamInstanceProfileSpecification { Name = spec.InstanceProfile },
            TagSpecifications = Ec2Tags.Spec("instance", spec.Count == 1 ? spec.Name : null, shared),
        }, ct).ConfigureAwait(false);
        var instances = run.Reservation.Instances.OrderBy(i => i.AmiLaunchIndex).ToList();
        if (spec.InstanceProfile is not null)
        {
            // EC2 gives every instance of a RunInstances the profile; moto 5.2.1 associates it with the first one only
            // (moto/ec2/responses/instances.py run_instances: associate_iam_instance_profile(new_reservation.instances[0].id)),
            // which left 47 of the fleet's 50 instances without credentials. The others get it as EC2 would have given it.
            await SeedParallel.ForEachAsync(instances.Where(i => i.IamInstanceProfile is null), async (instance, token) =>
                await ec2.AssociateIamInstanceProfileAsync(new AssociateIamInstanceProfileRequest
                {
                    InstanceId = instance.InstanceId, IamInstanceProfile = new IamInstanceProfileSpecification { Name = spec.InstanceProfile },
                }, token).ConfigureAwait(false), ct).ConfigureAwait(false);
        }

        return [.. instances.Select(i => i.InstanceId)];
    }
}
