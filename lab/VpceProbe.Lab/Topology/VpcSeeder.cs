using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// The VPC with its DNS attributes (one ModifyVpcAttribute each, as AWS requires, support before hostnames: AWS
/// refuses hostnames on a VPC without DNS support) and its internet gateway. The gateway needs the VPC only to be
/// attached, so it is created beside the VPC and attached beside the attribute calls: three round trips, not five
/// (each mutating call waits for the lab's data plane to carry it).
/// </summary>
internal sealed class VpcSeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var spec = topology.Vpc;
        var igwSpec = topology.InternetGateway;
        var creatingVpc = ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = spec.Cidr, TagSpecifications = Ec2Tags.Spec("vpc", spec.Name, spec.Tags) }, ct);
        var creatingIgw = CreateInternetGatewayAsync(igwSpec, ct);
        await Task.WhenAll(creatingVpc, creatingIgw).ConfigureAwait(false);
        var vpc = (await creatingVpc.ConfigureAwait(false)).Vpc;
        ledger.Add(SeedKinds.Vpc, spec.Name, vpc.VpcId, spec.SourceId);
        var igw = await creatingIgw.ConfigureAwait(false);

        await Task.WhenAll(
            DnsAttributesAsync(vpc.VpcId, spec, ct),
            igw is null ? Task.CompletedTask : ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = igw.InternetGatewayId, VpcId = vpc.VpcId }, ct)).ConfigureAwait(false);
        if (igw is not null)
        {
            ledger.Add(SeedKinds.InternetGateway, igwSpec!.Name, igw.InternetGatewayId, igwSpec.SourceId);
        }
    }

    private async Task<InternetGateway?> CreateInternetGatewayAsync(InternetGatewaySpec? igwSpec, CancellationToken ct) =>
        igwSpec is null ? null
            : (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest { TagSpecifications = Ec2Tags.Spec("internet-gateway", igwSpec.Name, igwSpec.Tags) }, ct).ConfigureAwait(false)).InternetGateway;

    private async Task DnsAttributesAsync(string vpcId, VpcSpec spec, CancellationToken ct)
    {
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpcId, EnableDnsSupport = spec.EnableDnsSupport }, ct).ConfigureAwait(false);
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpcId, EnableDnsHostnames = spec.EnableDnsHostnames }, ct).ConfigureAwait(false);
    }
}
