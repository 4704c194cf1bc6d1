using System.Text.Json;
using VpceProbe.Lab.Tests.Fakes;
using VpceProbe.Lab.Topology;
using VpceProbe.Lab.Twin;

namespace VpceProbe.Lab.Tests.Twin;

public class TwinConverterTests(SharedMoto moto)
{
    [Fact]
    public async Task a_twin_of_a_moto_vpc_is_a_valid_topology_that_keeps_ids_tags_rules_and_policies()
    {
        var source = await TwinSourceVpc.CreateAsync(moto.Server, "conv");
        var ids = source.Ids;

        var twin = TwinConverter.Convert(TwinConverter.Parse(await source.SnapshotJsonAsync(moto.Server)), new TwinOptions());
        var read = TopologyReader.Parse(TopologyReader.Serialize(twin.Topology), "twin");

        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        var t = read.Topology!;
        Assert.Equal(("shop", "shop", source.VpcId, "payments"), (t.Name, t.Vpc.Name, t.Vpc.SourceId, t.Vpc.Tags["team"]));
        Assert.Equal(("shop-igw", ids["igw"]), (t.InternetGateway!.Name, t.InternetGateway.SourceId));

        var subnets = t.Subnets.ToDictionary(s => s.SourceId!);
        Assert.Equal(("shop-app-a", "shop-private-rt", "shop-private-nacl"), (subnets[ids["app-a"]].Name, subnets[ids["app-a"]].RouteTable, subnets[ids["app-a"]].NetworkAcl));
        Assert.Equal(("shop-app-a-2", null, null), (subnets[ids["isolated"]].Name, subnets[ids["isolated"]].RouteTable, subnets[ids["isolated"]].NetworkAcl));
        Assert.Equal(("private-b", "us-east-1b"), (subnets[ids["unnamed"]].Name, subnets[ids["unnamed"]].AvailabilityZone));
        Assert.Contains(twin.Report.Notes, n => n.SourceId == ids["isolated"] && n.Text.Contains("'shop-app-a-2'", StringComparison.Ordinal));

        var tables = t.RouteTables.ToDictionary(r => r.SourceId!);
        Assert.Equal("shop-nat", Assert.Single(tables[ids["private-rt"]].Routes).NatGateway);
        Assert.Equal(("0.0.0.0/0", "shop-nat-instance"), (Assert.Single(tables[ids["legacy-rt"]].Routes).Destination, tables[ids["legacy-rt"]].Routes[0].NatInstance));
        Assert.Equal("shop-igw", Assert.Single(tables[ids["public-rt"]].Routes).InternetGateway);
        Assert.Empty(Assert.Single(t.RouteTables, r => r.Main).Routes);
        Assert.Equal(ids["nat-instance"], Assert.Single(t.NatInstances).SourceId);
        Assert.Equal(ids["nat"], Assert.Single(t.NatGateways).SourceId);

        var nacl = Assert.Single(t.NetworkAcls);
        Assert.Equal(ids["nacl"], nacl.SourceId);
        Assert.Equal(new NetworkAclRuleSpec { RuleNumber = 90, Protocol = "tcp", FromPort = 23, ToPort = 23, Cidr = "0.0.0.0/0", Action = "deny" }, nacl.Ingress[0]);
        Assert.Equal(("-1", "allow"), (nacl.Egress.Single().Protocol, nacl.Egress[0].Action));

        var app = t.SecurityGroups.Single(g => g.SourceId == ids["app"]);
        Assert.Equal(("shop-app", "app"), (app.Name, app.Tags["tier"]));
        Assert.Equal(new SecurityGroupRuleSpec { Protocol = "tcp", FromPort = 8080, ToPort = 8080, SecurityGroup = "shop-lb" }, Assert.Single(app.Ingress));
        Assert.Equal(new SecurityGroupRuleSpec { Protocol = "-1", Cidr = "0.0.0.0/0" }, Assert.Single(app.Egress!));

        var s3 = Assert.Single(t.Endpoints);
        Assert.Equal(("shop-s3", "s3", EndpointTypes.Gateway, ids["s3"]), (s3.Name, s3.Service, s3.Type, s3.SourceId));
        Assert.Equal(["shop-private-rt"], s3.RouteTables);
        Assert.Equal("arn:aws:s3:::shop-*/*", s3.Policy!.Value.GetProperty("Statement")[0].GetProperty("Resource").GetString());
        Assert.Contains(twin.Report.LeftOut, l => l.SourceId == ids["kms"]);
        Assert.Contains(twin.Report.LeftOut, l => l.SourceId == ids["private-rt"] && l.What.Contains(ids["pcx"], StringComparison.Ordinal) && l.Why.Contains("peering", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_twin_keeps_at_most_max_instances_with_one_in_every_private_subnet_and_their_profiles_tags_and_groups()
    {
        var source = await TwinSourceVpc.CreateAsync(moto.Server, "fleet");
        var ids = source.Ids;
        var snapshot = TwinConverter.Parse(await source.SnapshotJsonAsync(moto.Server));

        var twin = TwinConverter.Convert(snapshot, new TwinOptions());

        var t = twin.Topology;
        Assert.Equal(TwinOptions.DefaultMaxInstances, t.Instances.Count + t.NatInstances.Count);
        var privateSubnets = snapshot.Subnets.Where(s => !s.IsPublic).Select(s => t.Subnets.Single(x => x.SourceId == s.Id).Name).ToList();
        Assert.Equal(5, privateSubnets.Count);
        Assert.All(privateSubnets, s => Assert.Contains(t.Instances, i => i.Subnet == s));
        Assert.Contains(twin.Report.Notes, n => n.Text.StartsWith("50 of 71 instances kept", StringComparison.Ordinal));

        var app = t.Instances.Single(i => i.SourceId == ids["app-i"]);
        Assert.Equal(("shop-app", "10.77.1.10", "app", "x86_64", "t3.micro"), (app.Name, app.PrivateIp, app.Tags["Role"], app.Architecture, app.InstanceType));
        Assert.False(app.Tags.ContainsKey("Name"));
        Assert.Equal(["shop-app"], app.SecurityGroups);
        Assert.Equal("shop-app-2", t.Instances.Single(i => i.SourceId == ids["isolated-i"]).Name);
        var role = Assert.Single(t.Roles);
        Assert.Equal(("fleet-app-profile", "fleet-app-profile", "fleet-app-profile"), (app.InstanceProfile, role.Name, role.InstanceProfile));
        Assert.Equal(JsonSerializer.Serialize(LabTopology.Load("walkthrough").Roles[0].Policy), JsonSerializer.Serialize(role.Policy));
        Assert.Equal(InstanceSpec.DefaultSsmAgentVersion, app.SsmAgentVersion);
        Assert.Contains(twin.Report.Notes, n => n.Text.StartsWith("SSM agent version unknown", StringComparison.Ordinal));
        Assert.Equal(LabTopology.Load("walkthrough").Internet.WebHosts, t.Internet.WebHosts);
        Assert.True(TopologyReader.Parse(TopologyReader.Serialize(t), "twin").IsValid);
    }

    [Fact]
    public async Task fewer_instances_allowed_than_nat_instances_and_private_subnets_with_instances_is_refused_with_the_minimum()
    {
        var source = await TwinSourceVpc.CreateAsync(moto.Server, "few", workers: 0);
        var snapshot = TwinConverter.Parse(await source.SnapshotJsonAsync(moto.Server));

        // Without workers, app-b has no instance: 1 NAT instance and 4 private subnets with an instance.
        var error = Assert.Throws<TwinException>(() => TwinConverter.Convert(snapshot, new TwinOptions(MaxInstances: 4)));

        Assert.Contains("one instance in each of the 4 private subnets that have one; allow at least 5", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, TwinConverter.Convert(snapshot, new TwinOptions(MaxInstances: 5)).Topology.InstanceNames().Count());
    }

    [Theory]
    [InlineData("not json", "not a `vpceprobe discover --json` snapshot")]
    [InlineData("""{"schemaVersion":1,"region":"us-east-1"}""", "no vpcId or region")]
    [InlineData("""{"schemaVersion":7,"vpcId":"vpc-1","region":"us-east-1"}""", "snapshot schemaVersion 7: this vpceprobe reads version 1")]
    [InlineData("""{"vpcId":"vpc-1","region":"us-east-1"}""", "snapshot schemaVersion 0")]
    public void what_is_not_a_snapshot_of_a_known_version_is_refused_with_why(string json, string message)
    {
        var error = Assert.Throws<TwinException>(() => TwinConverter.Parse(json));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void buckets_and_secrets_are_added_only_when_named()
    {
        var snapshot = TwinConverter.Parse("""{"schemaVersion":1,"vpcId":"vpc-1","region":"eu-west-3","cidrs":["10.8.0.0/16","2600:1f18::/56"]}""");

        var bare = TwinConverter.Convert(snapshot, new TwinOptions());
        var named = TwinConverter.Convert(snapshot, new TwinOptions(Buckets: ["shop-data"], SecretIds: ["shop/db"]));

        Assert.Empty(bare.Topology.Buckets);
        Assert.Empty(bare.Topology.Secrets);
        Assert.Equal(("shop-data", 0), (Assert.Single(named.Topology.Buckets).Name, named.Topology.Buckets[0].Objects.Count));
        Assert.Equal(("shop/db", TwinConverter.PlaceholderSecret), (Assert.Single(named.Topology.Secrets).Name, named.Topology.Secrets[0].Value));
        Assert.Contains(bare.Report.LeftOut, l => l.What == "block 2600:1f18::/56");
        Assert.True(TopologyReader.Parse(TopologyReader.Serialize(named.Topology), "twin").IsValid);
    }
}
