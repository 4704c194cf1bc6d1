using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>The VPC with its DNS attributes (one ModifyVpcAttribute each, as AWS requires) and its internet gateway.</summary>
internal sealed class VpcSeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var spec = topology.Vpc;
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = spec.Cidr, TagSpecifications = Ec2Tags.Spec("vpc", spec.Name, spec.Tags) }, ct).ConfigureAwait(false)).Vpc;
        ledger.Add(SeedKinds.Vpc, spec.Name, vpc.VpcId, spec.SourceId);
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc.VpcId, EnableDnsSupport = spec.EnableDnsSupport }, ct).ConfigureAwait(false);
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc.VpcId, EnableDnsHostnames = spec.EnableDnsHostnames }, ct).ConfigureAwait(false);

        if (topology.InternetGateway is { } igwSpec)
        {
            var igw = (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest { TagSpecifications = Ec2Tags.Spec("internet-gateway", igwSpec.Name, igwSpec.Tags) }, ct).ConfigureAwait(false)).InternetGateway;
            await ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = igw.InternetGatewayId, VpcId = vpc.VpcId }, ct).ConfigureAwait(false);
            ledger.Add(SeedKinds.InternetGateway, igwSpec.Name, igw.InternetGatewayId, igwSpec.SourceId);
        }
    }
}
