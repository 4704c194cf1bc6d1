using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.DataPlane;

/// <summary>The planner on VPCs of other shapes than the walkthrough's: several AZs and NATs, NAT instances, ACLs, groups.</summary>
public class RouterPlannerTopologyTests
{
    private const string PublicB = "subnet-publicb";
    private const string PrivateB = "subnet-privateb";

    /// <summary>The walkthrough plus a second AZ: its own public subnet, NAT gateway and private table.</summary>
    private static VpcState TwoAz(bool secondIgwRoute = true)
    {
        var walkthrough = VpcStates.Walkthrough();
        return walkthrough with
        {
            Subnets = [.. walkthrough.Subnets, new SubnetState(PublicB, "10.0.3.0/24", "rtb-publicb"), new SubnetState(PrivateB, "10.0.4.0/24", "rtb-privateb")],
            RouteTables =
            [
                .. walkthrough.RouteTables,
                new RouteTableState("rtb-publicb", secondIgwRoute ? [new RouteState("0.0.0.0/0", null, "igw-1")] : []),
                new RouteTableState("rtb-privateb", [new RouteState("0.0.0.0/0", null, "nat-2")]),
            ],
            NatGateways = [.. walkthrough.NatGateways, new NatState("nat-2", PublicB, "10.0.3.50")],
            Instances = [.. walkthrough.Instances, new InstanceState("i-b", PrivateB, "10.0.4.10", ["sg-instance"])],
        };
    }

    private static SubnetPlan Subnet(RouterPlan plan, string id) => plan.Subnets.Single(s => s.Id == id);

    [Fact]
    public void each_nat_gateway_has_its_own_namespace_on_its_subnet_and_each_private_table_routes_to_its_own_nat()
    {
        var plan = VpcStates.Planner.Plan(TwoAz());
        var nats = plan.Attachments.Where(a => a.IsNat).ToDictionary(a => a.Id);

        Assert.Equal(["vpl-t-nat-1", "vpl-t-nat-2"], nats.Values.Select(n => n.Namespace).Order(StringComparer.Ordinal));
        Assert.Equal(("10.0.3.50", Subnet(plan, PublicB).Bridge, true), (nats["nat-2"].Address, nats["nat-2"].Bridge, nats["nat-2"].Forwards));
        Assert.Equal([$"default via {nats["nat-1"].Address} dev {nats["nat-1"].Bridge} onlink"], Subnet(plan, VpcStates.PrivateSubnet).Routes);
        Assert.Equal(["default via 10.0.3.50 dev " + Subnet(plan, PublicB).Bridge + " onlink"], Subnet(plan, PrivateB).Routes);
        Assert.Equal(["nat-1", "nat-2"], plan.PublicAddresses.Select(p => p.OwnerId));
        Assert.Equal(2, plan.PublicAddresses.Select(p => p.PublicAddress).Distinct().Count());
    }

    [Fact]
    public void a_nat_gateway_whose_subnet_has_no_internet_gateway_route_is_stranded_there()
    {
        var plan = VpcStates.Planner.Plan(TwoAz(secondIgwRoute: false));

        Assert.Equal(["blackhole default"], Subnet(plan, PublicB).Routes);
        Assert.StartsWith("default via 10.0.3.50", Subnet(plan, PrivateB).Routes.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i-nat")]
    [InlineData("eni-nat")]
    public void a_route_to_an_instance_or_its_eni_reaches_it_only_with_its_source_dest_check_off(string target)
    {
        VpcState State(bool check)
        {
            var walkthrough = VpcStates.Walkthrough();
            return walkthrough with
            {
                RouteTables = [walkthrough.RouteTables[0], new RouteTableState(VpcStates.PrivateTable, [new RouteState("0.0.0.0/0", null, target)])],
                Instances = [.. walkthrough.Instances, new InstanceState("i-nat", VpcStates.PublicSubnet, "10.0.1.20", ["sg-instance"])
                {
                    SourceDestCheck = check, HasPublicAddress = true, NetworkInterfaceIds = ["eni-nat"],
                }],
            };
        }

        var checking = VpcStates.Planner.Plan(State(check: true));
        var forwarding = VpcStates.Planner.Plan(State(check: false));

        Assert.Equal(["blackhole default"], Subnet(checking, VpcStates.PrivateSubnet).Routes);
        Assert.False(checking.Attachments.Single(a => a.Id == "i-nat").Forwards);
        Assert.Equal([$"default via 10.0.1.20 dev {Subnet(forwarding, VpcStates.PublicSubnet).Bridge} onlink"], Subnet(forwarding, VpcStates.PrivateSubnet).Routes);
        Assert.True(forwarding.Attachments.Single(a => a.Id == "i-nat").Forwards);
        Assert.Contains(forwarding.PublicAddresses, p => p.OwnerId == "i-nat" && p.PrivateAddress == "10.0.1.20");
    }

    [Fact]
    public void security_group_peers_become_the_addresses_of_the_groups_members_and_a_group_without_egress_sends_nothing()
    {
        var walkthrough = VpcStates.Walkthrough(true, VpcStates.Interface("ssm"));
        var state = walkthrough with
        {
            Instances = [.. walkthrough.Instances, new InstanceState("i-2", VpcStates.PrivateSubnet, "10.0.2.11", ["sg-app"])],
            SecurityGroups =
            [
                .. walkthrough.SecurityGroups,
                new SecurityGroupState("sg-app", [new SecurityGroupRule("tcp", 8080, 8090, [], ["sg-instance"])])
                {
                    Egress = [new SecurityGroupRule("tcp", 443, 443, [], ["sg-endpoints"])],
                },
                new SecurityGroupState("sg-silent", []) { Egress = [] },
            ],
        };
        state = state with { Instances = [.. state.Instances, new InstanceState("i-3", VpcStates.PrivateSubnet, "10.0.2.12", ["sg-silent"])] };

        var plan = VpcStates.Planner.Plan(state);
        var app = plan.InstanceFirewalls.Single(f => f.InstanceId == "i-2");

        var ingress = app.Ingress.Single();
        Assert.Equal(("tcp", 8080, 8090), (ingress.Protocol, ingress.FromPort, ingress.ToPort));
        Assert.Equal(["10.0.2.10/32"], ingress.Peers);
        Assert.Equal([plan.Enis.Single().Address + "/32"], app.Egress.Single().Peers);
        Assert.Empty(plan.InstanceFirewalls.Single(f => f.InstanceId == "i-3").Egress);
        Assert.Equal(["0.0.0.0/0"], plan.InstanceFirewalls.Single(f => f.InstanceId == VpcStates.Instance).Egress.Single().Peers);
    }

    [Fact]
    public void a_subnets_network_acl_is_planned_in_rule_number_order_per_direction_and_a_subnet_without_one_has_none()
    {
        var walkthrough = VpcStates.Walkthrough();
        var state = walkthrough with
        {
            Subnets = [walkthrough.Subnets[0], walkthrough.Subnets[1] with { NetworkAclId = "acl-1" }],
            NetworkAcls =
            [
                new NetworkAclState("acl-1",
                [
                    new NetworkAclEntry(200, false, "-1", null, null, "0.0.0.0/0", true),
                    new NetworkAclEntry(100, false, "6", 443, 443, "0.0.0.0/0", false),
                    new NetworkAclEntry(100, true, "-1", null, null, "0.0.0.0/0", true),
                ]),
            ],
        };

        var plan = VpcStates.Planner.Plan(state);
        var acl = Subnet(plan, VpcStates.PrivateSubnet).Acl!;

        Assert.Equal([(100, false), (200, true)], acl.Ingress.Select(e => (e.RuleNumber, e.Allow)));
        Assert.Equal([100], acl.Egress.Select(e => e.RuleNumber));
        Assert.Null(Subnet(plan, VpcStates.PublicSubnet).Acl);
    }
}
