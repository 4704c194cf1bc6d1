using System.Text.Json.Nodes;

namespace VpceProbe.Lab.Tests.Topology;

/// <summary>Malformed topologies, one family at a time; each error names its JSON path. (Through the reader: the validator is internal to it.)</summary>
public class TopologyValidatorTests
{
    [Fact]
    public void header_and_vpc_errors_name_their_fields()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d["schemaVersion"] = 1;
            d["name"] = "no spaces";
            d["region"] = "mars";
            d["vpc"]!["cidr"] = "10.42.0.1/16";
            d["vpc"]!["enableDnsSupport"] = false;
        });

        Assert.Contains("schemaVersion: 1: this vpceprobe reads schema version 2", errors);
        Assert.Contains("name: 'no spaces': 1 to 64 letters, digits, '.', '_' or '-'", errors);
        Assert.Contains("region: 'mars' is not an AWS region name such as us-east-1", errors);
        Assert.Contains("vpc.cidr: 10.42.0.1/16 is not a network address; did you mean 10.42.0.0/16?", errors);
        Assert.Contains("vpc.enableDnsHostnames: DNS hostnames need DNS support (enableDnsSupport: true), as in AWS", errors);
    }

    [Fact]
    public void subnets_must_be_inside_the_vpc_not_overlap_and_reference_what_exists()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("subnets", 0)["cidr"] = "10.9.0.0/24";
            d.At("subnets", 2)["cidr"] = "10.42.1.128/25";
            d.At("subnets", 2)["availabilityZone"] = "eu-west-1a";
            d.At("subnets", 2)["routeTable"] = "x";
            d.At("subnets", 2)["networkAcl"] = "y";
        });

        Assert.Contains("subnets[0].cidr: 10.9.0.0/24 is not inside the VPC's 10.42.0.0/16", errors);
        Assert.Contains("subnets[2].cidr: 10.42.1.128/25 overlaps subnets[1] (10.42.1.0/24)", errors);
        Assert.Contains("subnets[2].availabilityZone: 'eu-west-1a' is not an availability zone of us-east-1 (e.g. us-east-1a)", errors);
        Assert.Contains("subnets[2].routeTable: no route table named 'x' (known: public-rt, private-rt)", errors);
        Assert.Contains("subnets[2].networkAcl: no network ACL named 'y' (known: private-nacl)", errors);
    }

    [Fact]
    public void each_error_is_reported_once_and_all_at_once()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("subnets", 2)["name"] = "public-a";
            d.At("routeTables", 1)["routes"]![0]!["natGateway"] = "nat-z";
            d.At("instances", 0)["privateIp"] = "10.9.0.5";
        });

        Assert.Equal(errors.Distinct().Count(), errors.Count);
        Assert.Contains("subnets[2].name: 'public-a' is also the name of subnets[0]", errors);
        Assert.Contains("routeTables[1].routes[0].natGateway: no NAT gateway named 'nat-z' (known: nat-a)", errors);
        Assert.Contains("instances[0].privateIp: 10.9.0.5 is not inside subnet private-a (10.42.1.0/24)", errors);
    }

    [Fact]
    public void a_route_has_exactly_one_target_and_its_own_destination()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            var routes = d.At("routeTables", 0)["routes"]!.AsArray();
            routes[0]!["natGateway"] = "nat-a";
            routes.Add(new JsonObject { ["destination"] = "10.42.0.0/16", ["natGateway"] = "nat-a" });
            routes.Add(new JsonObject { ["destination"] = "0.0.0.0/0" });
            d.At("routeTables", 1)["main"] = true;
            d.At("routeTables", 0)["main"] = true;
        });

        Assert.Contains("routeTables[0].routes[0]: a route has exactly one target (internetGateway, natGateway or natInstance); this one has 2", errors);
        Assert.Contains("routeTables[0].routes[1].destination: 10.42.0.0/16 is the VPC's own block: its route is the implicit 'local' route", errors);
        Assert.Contains("routeTables[0].routes[2].destination: 0.0.0.0/0 is already routed by routes[0]", errors);
        Assert.Contains("routeTables[0].routes[2]: a route has exactly one target (internetGateway, natGateway or natInstance); this one has 0", errors);
        Assert.Contains("routeTables[1].main: a VPC has one main route table; routeTables[0] is already main", errors);
    }

    [Fact]
    public void nat_gateways_and_instances_need_the_internet_gateway()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.Remove("internetGateway");
            d["natInstances"] = new JsonArray(new JsonObject { ["name"] = "app", ["subnet"] = "public-a", ["securityGroups"] = new JsonArray("nope") });
        });

        Assert.Contains("natGateways[0]: a public NAT gateway needs the VPC's internet gateway (add internetGateway)", errors);
        Assert.Contains("natInstances[0]: a NAT instance forwards to the internet gateway; the topology has none (add internetGateway)", errors);
        Assert.Contains("natInstances[0].securityGroups[0]: no security group named 'nope' (known: app, endpoints)", errors);
        Assert.Contains("natInstances: 'app' is also the name of an instance; instance names must be unique", errors);
        Assert.Contains("routeTables[0].routes[0].internetGateway: no internet gateway named 'igw' (the topology has none)", errors);
    }

    [Fact]
    public void network_acl_rules_are_numbered_and_well_formed()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            var ingress = d.At("networkAcls", 0)["ingress"]!.AsArray();
            ingress.Add(new JsonObject { ["ruleNumber"] = 100, ["protocol"] = "tcp", ["fromPort"] = 1024, ["toPort"] = 80, ["cidr"] = "0.0.0.0/0", ["action"] = "permit" });
            ingress.Add(new JsonObject { ["ruleNumber"] = 40000, ["protocol"] = "gre", ["cidr"] = "nowhere", ["action"] = "deny" });
            ingress.Add(new JsonObject { ["ruleNumber"] = 7, ["protocol"] = "icmp", ["fromPort"] = 0, ["cidr"] = "0.0.0.0/0", ["action"] = "deny" });
            ingress.Add(new JsonObject { ["ruleNumber"] = 8, ["protocol"] = "udp", ["fromPort"] = 53, ["toPort"] = 70000, ["cidr"] = "0.0.0.0/0", ["action"] = "deny" });
        });

        Assert.Contains("networkAcls[0].ingress[1].ruleNumber: 100 is also the number of networkAcls[0].ingress[0]", errors);
        Assert.Contains("networkAcls[0].ingress[1]: fromPort 1024 is above toPort 80", errors);
        Assert.Contains("networkAcls[0].ingress[1].action: 'permit': \"allow\" or \"deny\"", errors);
        Assert.Contains("networkAcls[0].ingress[2].ruleNumber: 40000: a rule number is 1 to 32766", errors);
        Assert.Contains("networkAcls[0].ingress[2].protocol: 'gre': one of \"tcp\", \"udp\", \"icmp\", \"-1\"", errors);
        Assert.Contains("networkAcls[0].ingress[2].cidr: 'nowhere' is not an IPv4 CIDR block such as 10.42.0.0/16", errors);
        Assert.Contains("networkAcls[0].ingress[3]: protocol icmp takes no ports (drop fromPort/toPort)", errors);
        Assert.Contains("networkAcls[0].ingress[4].toPort: 70000: a port is 0 to 65535", errors);
    }

    [Fact]
    public void security_group_rules_have_exactly_one_peer_that_exists()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("securityGroups", 0)["egress"]![0]!["cidr"] = "0.0.0.0/0";
            d.At("securityGroups", 1)["ingress"]![0]!["securityGroup"] = "ghost";
            d.At("securityGroups", 1)["ingress"]!.AsArray().Add(new JsonObject { ["protocol"] = "tcp" });
            d.At("securityGroups", 1)["name"] = "default";
            d.At("securityGroups", 1)["description"] = "";
        });

        Assert.Contains("securityGroups[0].egress[0]: a rule has exactly one peer: cidr or securityGroup", errors);
        Assert.Contains("securityGroups[1].ingress[0].securityGroup: no security group named 'ghost' (known: app, default)", errors);
        Assert.Contains("securityGroups[1].ingress[1]: a rule has exactly one peer: cidr or securityGroup", errors);
        Assert.Contains("securityGroups[1].ingress[1]: tcp needs fromPort and toPort", errors);
        Assert.Contains("securityGroups[1].name: 'default' is reserved by AWS (the VPC's default group, or an id)", errors);
        Assert.Contains("securityGroups[1].description: AWS needs a description of 1 to 255 characters", errors);
    }

    [Fact]
    public void instances_are_bounded_named_once_and_placed_inside_their_subnet()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("instances", 0)["privateIp"] = "10.42.1.2";
            d.At("instances", 1)["count"] = 201;
            d.At("instances", 1)["privateIp"] = "10.42.2.10";
            d.At("instances", 1)["architecture"] = "sparc";
            d.At("instances", 1)["ssmAgentVersion"] = "latest";
            d.At("instances", 1)["instanceProfile"] = "nobody";
            d.At("instances", 1)["tags"] = new JsonObject { ["Name"] = "x", ["aws:owner"] = "y" };
            d["instances"]!.AsArray().Add(new JsonObject { ["name"] = "app", ["subnet"] = "private-b", ["privateIp"] = "10.42.1.2" });
        });

        Assert.Contains("instances: 203 instances in all (counts and NAT instances); the lab runs at most 200", errors);
        Assert.Contains("instances[0].privateIp: 10.42.1.2 is reserved by AWS in 10.42.1.0/24 (the first four addresses and the last)", errors);
        Assert.Contains("instances[1].count: 201: 1 to 200", errors);
        Assert.Contains("instances[1].privateIp: only an instance with count 1 can have a fixed privateIp", errors);
        Assert.Contains("instances[1].architecture: 'sparc': \"x86_64\" or \"arm64\"", errors);
        Assert.Contains("instances[1].ssmAgentVersion: 'latest' is not a version such as 3.3.1142.0", errors);
        Assert.Contains("instances[1].instanceProfile: no instance profile named 'nobody' (known: app-profile)", errors);
        Assert.Contains("instances[1].tags.Name: the Name tag comes from the resource's name; drop it here", errors);
        Assert.Contains("instances[1].tags.aws:owner: a tag key is 1 to 128 characters and must not start with 'aws:'", errors);
        Assert.Contains("instances[2].name: instance name 'app' is also made by instances[0]", errors);
        Assert.Contains("instances[2].privateIp: 10.42.1.2 is not inside subnet private-b (10.42.2.0/24)", errors);
        Assert.Contains("instances[2].privateIp: 10.42.1.2 is also the address of instances[0]", errors);
    }

    [Fact]
    public void expanded_names_collide_with_a_single_instance_of_that_name()
    {
        var errors = TopologyDocuments.Errors(d => d["instances"]!.AsArray().Add(new JsonObject { ["name"] = "worker-2", ["subnet"] = "private-b" }));

        Assert.Equal(["instances[2].name: instance name 'worker-2' is also made by instances[1]"], errors);
    }

    [Fact]
    public void a_subnet_too_small_for_its_instances_is_an_error()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("subnets", 2)["cidr"] = "10.42.2.0/28";
            d.At("instances", 1)["count"] = 11;
        });

        Assert.Equal(["subnets[2].cidr: 10.42.2.0/28 has 11 usable addresses; its instances, NAT gateways and endpoints need 12"], errors);
    }

    [Fact]
    public void endpoints_follow_the_rules_of_their_type()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("endpoints", 0)["subnets"] = new JsonArray("private-a");
            d.At("endpoints", 1)["subnets"] = new JsonArray("private-a", "public-a", "nowhere");
            d.At("endpoints", 1)["routeTables"] = new JsonArray("private-rt");
            d.At("endpoints", 1)["policy"] = "allow all";
            var more = d["endpoints"]!.AsArray();
            more.Add(new JsonObject { ["service"] = "s3", ["type"] = "Gateway", ["routeTables"] = new JsonArray("private-rt") });
            more.Add(new JsonObject { ["name"] = "ssm2", ["service"] = "ssm", ["type"] = "Interface", ["subnets"] = new JsonArray("private-b") });
            more.Add(new JsonObject { ["service"] = "kinesis", ["type"] = "Gateway" });
            more.Add(new JsonObject { ["service"] = "s3", ["type"] = "Bridge" });
        });

        Assert.Contains("endpoints[0].subnets: only Interface endpoints take this; a Gateway endpoint takes routeTables", errors);
        Assert.Contains("endpoints[1].subnets: 2 subnets in us-east-1a; an Interface endpoint takes at most one subnet per availability zone", errors);
        Assert.Contains("endpoints[1].subnets[2]: no subnet named 'nowhere' (known: public-a, private-a, private-b)", errors);
        Assert.Contains("endpoints[1].routeTables: only Gateway endpoints take route tables; an Interface endpoint takes subnets", errors);
        Assert.Contains("endpoints[1].policy: a policy is a JSON object (an IAM policy document)", errors);
        Assert.Contains("endpoints[2].routeTables: route table 'private-rt' already has the s3 gateway endpoint endpoints[0]", errors);
        Assert.Contains("endpoints[3].privateDns: endpoints[1] already has private DNS for ssm", errors);
        Assert.Contains("endpoints[4].service: 'kinesis' is not a service the lab serves (internet.serviceAddresses: s3, ssm)", errors);
        Assert.Contains("endpoints[4].type: AWS offers Gateway endpoints for s3 and dynamodb only, not 'kinesis'", errors);
        Assert.Contains("endpoints[5].type: 'Bridge': \"Interface\" or \"Gateway\"", errors);
    }

    [Fact]
    public void private_dns_needs_the_vpc_dns_attributes()
    {
        var errors = TopologyDocuments.Errors(d => d["vpc"]!["enableDnsHostnames"] = false);

        Assert.Equal(["endpoints[1].privateDns: private DNS needs the VPC's enableDnsSupport and enableDnsHostnames (set both, or privateDns: false)"], errors);
    }

    [Fact]
    public void buckets_secrets_roles_and_internet_addresses_are_checked()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("buckets", 0)["name"] = "Bad_Bucket";
            d.At("secrets", 0)["value"] = "";
            d["roles"]!.AsArray().Add(new JsonObject { ["name"] = "other", ["instanceProfile"] = "app-profile", ["policy"] = new JsonArray() });
            d["roles"]!.AsArray().Add(new JsonObject { ["name"] = "third", ["instanceProfile"] = "third", ["policy"] = new JsonObject { ["Statement"] = new JsonArray() } });
            d["internet"]!["webHosts"]!["example.com"] = "10.42.9.9";
            d["internet"]!["serviceAddresses"]!["ssm"] = "198.51.100.10";
            d["internet"]!["serviceAddresses"]!.AsObject().Remove("s3");
        });

        Assert.Contains("buckets[0].name: 'Bad_Bucket' is not a valid S3 bucket name (3-63 lowercase letters, digits, '.', '-')", errors);
        Assert.Contains("secrets[0].value: a secret needs a value", errors);
        Assert.Contains("roles[1].instanceProfile: 'app-profile' is also the instance profile of roles[0]", errors);
        Assert.Contains("roles[1].policy: a policy is a JSON object (an IAM policy document)", errors);
        Assert.Contains("roles[2].policy.Statement: IAM needs at least one statement", errors);
        Assert.Contains("internet.webHosts.example.com: 10.42.9.9 is inside the VPC (10.42.0.0/16); the internet's addresses must be outside it", errors);
        Assert.Contains("internet.serviceAddresses: needs an address for s3", errors);
    }
}
