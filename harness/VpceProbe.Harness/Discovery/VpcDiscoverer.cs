using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;

namespace VpceProbe.Harness.Discovery;

/// <summary>
/// Reads one VPC into a <see cref="VpcSnapshot"/> with Describe* calls only: it changes nothing, so
/// `discover`, `audit`, `cost`, the run's preflight and its after-cleanup check can all call it freely.
/// Every list call is paginated; the independent calls run concurrently.
/// </summary>
internal sealed class VpcDiscoverer(IAmazonEC2 ec2, IAmazonSimpleSystemsManagement ssm, string region)
{
    /// <exception cref="VpcNotFoundException">The VPC does not exist in <paramref name="vpcId"/>'s region (exit code 2).</exception>
    /// <exception cref="AmazonEC2Exception">Any other EC2 failure (exit code 3).</exception>
    public async Task<VpcSnapshot> DescribeAsync(string vpcId, CancellationToken cancellationToken)
    {
        var vpc = await DescribeVpcAsync(vpcId, cancellationToken).ConfigureAwait(false);
        var byVpc = new List<Filter> { new("vpc-id", [vpcId]) };

        var dnsSupport = AttributeAsync(vpcId, VpcAttributeName.EnableDnsSupport, cancellationToken);
        var dnsHostnames = AttributeAsync(vpcId, VpcAttributeName.EnableDnsHostnames, cancellationToken);
        var subnets = ec2.Paginators.DescribeSubnets(new() { Filters = byVpc }).Subnets.ToListAsync(cancellationToken).AsTask();
        var routeTables = ec2.Paginators.DescribeRouteTables(new() { Filters = byVpc }).RouteTables.ToListAsync(cancellationToken).AsTask();
        var nats = ec2.Paginators.DescribeNatGateways(new() { Filter = byVpc }).NatGateways.ToListAsync(cancellationToken).AsTask();
        var igws = ec2.Paginators.DescribeInternetGateways(new() { Filters = [new("attachment.vpc-id", [vpcId])] })
            .InternetGateways.ToListAsync(cancellationToken).AsTask();
        var endpoints = ec2.Paginators.DescribeVpcEndpoints(new() { Filters = byVpc }).VpcEndpoints.ToListAsync(cancellationToken).AsTask();
        var reservations = ec2.Paginators.DescribeInstances(new() { Filters = byVpc }).Reservations.ToListAsync(cancellationToken).AsTask();
        var groups = ec2.Paginators.DescribeSecurityGroups(new() { Filters = byVpc }).SecurityGroups.ToListAsync(cancellationToken).AsTask();
        var acls = ec2.Paginators.DescribeNetworkAcls(new() { Filters = byVpc }).NetworkAcls.ToListAsync(cancellationToken).AsTask();
        await Task.WhenAll(dnsSupport, dnsHostnames, subnets, routeTables, nats, igws, endpoints, reservations, groups, acls).ConfigureAwait(false);

        var tables = routeTables.Result.Select(RouteMapping.ToRouteTable).ToList();
        var subnetInfos = subnets.Result.Select(s => RouteMapping.ToSubnet(s, tables)).ToList();
        var flowLogs = await FlowLogIdsAsync(vpcId, subnetInfos, cancellationToken).ConfigureAwait(false);
        var prefixLists = await new PrefixListReader(ec2).CidrsAsync(tables, cancellationToken).ConfigureAwait(false);

        var instances = reservations.Result.SelectMany(r => r.Instances ?? []).Select(ResourceMapping.ToInstance).ToList();
        var ping = await new SsmPingStatusReader(ssm).ReadAsync(instances.Select(i => i.Id).ToList(), cancellationToken).ConfigureAwait(false);

        return new VpcSnapshot
        {
            VpcId = vpcId,
            Region = region,
            Cidrs = ResourceMapping.Cidrs(vpc),
            Tags = ResourceMapping.Tags(vpc.Tags),
            EnableDnsSupport = dnsSupport.Result,
            EnableDnsHostnames = dnsHostnames.Result,
            Subnets = subnetInfos,
            RouteTables = tables,
            NatGateways = nats.Result.Select(ResourceMapping.ToNatGateway).ToList(),
            InternetGateways = igws.Result.Select(ResourceMapping.ToInternetGateway).ToList(),
            Endpoints = endpoints.Result.Select(ResourceMapping.ToEndpoint).ToList(),
            Instances = instances.Select(i => i with
            {
                SsmPingStatus = ping.Statuses.GetValueOrDefault(i.Id),
                SsmAgentVersion = ping.AgentVersions.GetValueOrDefault(i.Id),
            }).ToList(),
            SecurityGroups = groups.Result.Select(ResourceMapping.ToSecurityGroup).ToList(),
            NetworkAcls = acls.Result.Select(ResourceMapping.ToNetworkAcl).ToList(),
            FlowLogIds = flowLogs,
            PrefixListCidrs = prefixLists,
            SsmPingStatusKnown = ping.Warning is null,
            Warnings = ping.Warning is null ? [] : [ping.Warning],
        };
    }

    private async Task<Vpc> DescribeVpcAsync(string vpcId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await ec2.DescribeVpcsAsync(new() { VpcIds = [vpcId] }, cancellationToken).ConfigureAwait(false);
            return response.Vpcs?.FirstOrDefault() ?? throw new VpcNotFoundException(vpcId, region);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode is "InvalidVpcID.NotFound" or "InvalidVpcID.Malformed")
        {
            throw new VpcNotFoundException(vpcId, region, e);
        }
    }

    private async Task<bool> AttributeAsync(string vpcId, VpcAttributeName name, CancellationToken cancellationToken)
    {
        var response = await ec2.DescribeVpcAttributeAsync(new() { VpcId = vpcId, Attribute = name }, cancellationToken).ConfigureAwait(false);
        return name == VpcAttributeName.EnableDnsSupport ? response.EnableDnsSupport ?? false : response.EnableDnsHostnames ?? false;
    }

    // Flow logs can be attached to the VPC or to any of its subnets; both count as monitoring this VPC.
    private async Task<IReadOnlyList<string>> FlowLogIdsAsync(string vpcId, IEnumerable<SubnetInfo> subnets, CancellationToken cancellationToken)
    {
        var resources = subnets.Select(s => s.Id).Prepend(vpcId).ToList();
        var logs = await ec2.Paginators.DescribeFlowLogs(new() { Filter = [new("resource-id", resources)] })
            .FlowLogs.ToListAsync(cancellationToken).ConfigureAwait(false);
        return logs.Select(l => l.FlowLogId).ToList();
    }
}

/// <summary>The VPC id is not known in the region asked. A usage error (exit code 2): the id or the region is wrong.</summary>
internal sealed class VpcNotFoundException(string vpcId, string region, Exception? inner = null)
    : Exception($"VPC '{vpcId}' was not found in region {region}: check the id, or pass the region it lives in with --region.", inner)
{
    public string VpcId { get; } = vpcId;

    public string Region { get; } = region;
}
