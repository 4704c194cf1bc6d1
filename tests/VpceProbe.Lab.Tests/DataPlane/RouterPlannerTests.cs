using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.DataPlane;

public class RouterPlannerTests
{
    private static SubnetPlan PrivateSubnet(RouterPlan plan) => plan.Subnets.Single(s => s.Id == VpcStates.PrivateSubnet);

    [Fact]
    public void a_nat_route_sends_the_subnets_default_route_to_the_nat_namespace_address()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough());
        var nat = plan.Attachments.Single(a => a.IsNat);

        Assert.Equal([$"default via {nat.Address} dev {nat.Bridge} onlink"], PrivateSubnet(plan).Routes);
        Assert.True(Cidr.Parse("10.0.1.0/24").Contains(System.Net.IPAddress.Parse(nat.Address)));
    }

    [Fact]
    public void without_a_nat_route_the_subnet_default_is_a_blackhole_that_drops_without_an_icmp_error()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough(natRoute: false));

        Assert.Equal(["blackhole default"], PrivateSubnet(plan).Routes);
    }

    [Fact]
    public void an_internet_gateway_route_goes_to_the_gateway_link_which_translates_only_public_addresses()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough());
        var nat = plan.Attachments.Single(a => a.IsNat);

        Assert.Equal([$"default via {LabAddresses.InternetSideOfIgw} dev igw0 onlink"], plan.Subnets.Single(s => s.Id == VpcStates.PublicSubnet).Routes);
        // The NAT gateway's Elastic IP; the private instance has none, so the gateway drops its packets.
        var pub = Assert.Single(plan.PublicAddresses);
        Assert.Equal((nat.Id, nat.Address), (pub.OwnerId, pub.PrivateAddress));
        Assert.True(Cidr.Parse(LabAddresses.PublicPool).Contains(System.Net.IPAddress.Parse(pub.PublicAddress)), pub.PublicAddress);
    }

    [Fact]
    public void the_resolver_is_the_vpc_base_plus_two_and_the_instance_hangs_on_its_subnet_bridge()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough());
        var instance = plan.Attachments.Single(a => a.Id == VpcStates.Instance);

        Assert.Equal("10.0.0.2", plan.ResolverAddress);
        Assert.Equal(("vpl-t-" + VpcStates.Instance, "10.0.2.10", 24, "10.0.2.1"), (instance.Namespace, instance.Address, instance.PrefixLength, instance.Gateway));
        Assert.Equal(PrivateSubnet(plan).Bridge, instance.Bridge);
        Assert.True(instance.RouterLink.Length <= 15 && PrivateSubnet(plan).Bridge.Length <= 15, "Linux interface names are at most 15 characters");
    }

    [Fact]
    public void interface_endpoint_enis_get_distinct_addresses_inside_their_subnet_away_from_reserved_ones()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough(true, VpcStates.Interface("ssm"), VpcStates.Interface("ssmmessages"), VpcStates.Interface("ec2messages")));
        var addresses = plan.Enis.Select(e => System.Net.IPAddress.Parse(e.Address)).ToList();

        Assert.Equal(3, addresses.Select(a => a.ToString()).Distinct().Count());
        Assert.All(addresses, a => Assert.True(Cidr.Parse("10.0.2.0/24").Contains(a) && a.GetAddressBytes()[3] is >= 4 and < 255 && a.ToString() != "10.0.2.10", a.ToString()));
    }

    [Fact]
    public void the_same_state_gives_the_same_plan_in_every_process()
    {
        var state = VpcStates.Walkthrough(true, VpcStates.Interface("ssm"));

        Assert.Equal(VpcStates.Planner.Plan(state).Enis.Single().Address, VpcStates.Planner.Plan(state).Enis.Single().Address);
        Assert.Equal(PrivateSubnet(VpcStates.Planner.Plan(state)).TableId, StableIds.TableId(VpcStates.PrivateSubnet));
        Assert.InRange(StableIds.TableId(VpcStates.PrivateSubnet), 1000, int.MaxValue);
    }

    [Fact]
    public void an_available_gateway_endpoint_maps_its_route_tables_subnets_to_the_service_addresses()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough(false, VpcStates.Gateway("s3")));

        var gateway = Assert.Single(plan.GatewayEndpoints);
        Assert.Equal(("vpce-s3", "s3"), (gateway.EndpointId, gateway.Service));
        Assert.Equal(["10.0.2.0/24"], gateway.SourceCidrs);
        Assert.Equal([VpcStates.Internet.ServiceAddresses["s3"]], gateway.ServiceAddresses);
        Assert.StartsWith(LabAddresses.GatewayEndpointFrontendPrefix, gateway.FrontendAddress, StringComparison.Ordinal);
    }

    [Fact]
    public void a_pending_gateway_endpoint_has_no_path_yet()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough(false, VpcStates.Gateway("s3", EndpointLifecycle.Pending)));

        Assert.Empty(plan.GatewayEndpoints);
    }

    [Fact]
    public void an_endpoint_security_group_without_443_allows_no_source()
    {
        var plan = VpcStates.Planner.Plan(VpcStates.Walkthrough(true, VpcStates.Interface("secretsmanager", group: "sg-closed")));

        Assert.DoesNotContain(plan.Enis.Single().Ingress, r => r.FromPort <= 443 && 443 <= r.ToPort);
    }
}
