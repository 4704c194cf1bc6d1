using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// Route tables: a `main` table's routes go into the VPC's main table (which CreateVpc made); the others are
/// created; routes point at the internet gateway, a NAT gateway or a NAT instance (InstanceId); subnets with a
/// `routeTable` are associated, the rest stay on the main table as in AWS.
/// </summary>
internal sealed class RouteTableSeeder(IAmazonEC2 ec2, SeedLedger ledger)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        var vpcId = ledger.Id(SeedKinds.Vpc, topology.Vpc.Name);
        var main = (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("vpc-id", [vpcId]), new Filter("association.main", ["true"])],
        }, ct).ConfigureAwait(false)).RouteTables.Single().RouteTableId;

        var ids = await SeedParallel.MapAsync(topology.RouteTables, async (table, token) =>
        {
            string id;
            if (table.Main)
            {
                id = main;
                await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = Ec2Tags.Of(table.Name, table.Tags) }, token).ConfigureAwait(false);
            }
            else
            {
                id = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpcId, TagSpecifications = Ec2Tags.Spec("route-table", table.Name, table.Tags) }, token).ConfigureAwait(false)).RouteTable.RouteTableId;
            }

            foreach (var route in table.Routes)
            {
                await ec2.CreateRouteAsync(new CreateRouteRequest
                {
                    RouteTableId = id,
                    DestinationCidrBlock = route.Destination,
                    GatewayId = route.InternetGateway is null ? null : ledger.Id(SeedKinds.InternetGateway, route.InternetGateway),
                    NatGatewayId = route.NatGateway is null ? null : ledger.Id(SeedKinds.NatGateway, route.NatGateway),
                    InstanceId = route.NatInstance is null ? null : ledger.Id(SeedKinds.NatInstance, route.NatInstance),
                }, token).ConfigureAwait(false);
            }

            return id;
        }, ct).ConfigureAwait(false);
        ledger.AddAll(SeedKinds.RouteTable, topology.RouteTables, ids, x => x.Name, x => x.SourceId);

        await SeedParallel.ForEachAsync(topology.Subnets.Where(s => s.RouteTable is not null), async (subnet, token) =>
            await ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest
            {
                RouteTableId = ledger.Id(SeedKinds.RouteTable, subnet.RouteTable!), SubnetId = ledger.Id(SeedKinds.Subnet, subnet.Name),
            }, token).ConfigureAwait(false), ct).ConfigureAwait(false);
    }
}
