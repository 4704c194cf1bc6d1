using System.Text.Json.Nodes;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.Topology;

public class TopologyShapeTests
{
    [Fact]
    public void the_valid_document_has_no_errors()
    {
        Assert.Empty(TopologyDocuments.Errors(_ => { }));
    }

    [Fact]
    public void an_unknown_field_is_an_error_with_its_path_and_the_known_fields()
    {
        var errors = TopologyDocuments.Errors(d => d.At("subnets", 1)["rotueTable"] = "x");

        var error = Assert.Single(errors);
        Assert.StartsWith("subnets[1].rotueTable: unknown field (known here: name, cidr, availabilityZone, routeTable, networkAcl, sourceId, tags)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void a_field_given_twice_is_an_error()
    {
        var json = TopologyDocuments.Valid.Replace("\"name\": \"small\",", "\"name\": \"small\", \"name\": \"small\",", StringComparison.Ordinal);

        var errors = TopologyReader.Parse(json, "test").Errors.Select(e => e.ToString());

        Assert.Equal(["name: given twice"], errors);
    }

    [Fact]
    public void a_key_given_twice_in_a_map_is_an_error()
    {
        var json = TopologyDocuments.Valid.Replace("\"team\": \"x\"", "\"team\": \"x\", \"team\": \"y\"", StringComparison.Ordinal);

        var errors = TopologyReader.Parse(json, "test").Errors.Select(e => e.ToString());

        Assert.Equal(["instances[1].tags: key 'team' is given twice"], errors);
    }

    [Fact]
    public void missing_required_fields_and_wrong_types_are_all_reported_together()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("subnets", 0).Remove("cidr");
            d.At("instances", 1)["count"] = "three";
            d.At("natGateways", 0)["subnet"] = null;
            d["routeTables"] = new JsonObject();
            d.At("networkAcls", 0)["ingress"]![0]!["ruleNumber"] = 1.5;
            d["extra"] = 1;
        });

        Assert.Equal(
            [
                "subnets[0].cidr: required",
                "natGateways[0].subnet: must not be null (expected a string)",
                "routeTables: expected an array, found an object",
                "networkAcls[0].ingress[0].ruleNumber: expected an integer, found a number that is not a 32-bit integer",
                "instances[1].count: expected an integer, found a string",
                "extra: unknown field (known here: schemaVersion, name, description, region, vpc, internetGateway, subnets, natGateways, natInstances, routeTables, networkAcls, securityGroups, roles, instances, endpoints, buckets, secrets, internet)",
            ],
            errors);
    }

    [Fact]
    public void a_document_that_is_not_an_object_says_so_at_the_root()
    {
        Assert.Equal(["$: expected an object, found an array"], TopologyReader.Parse("[]", "test").Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void invalid_json_is_one_error_at_the_root()
    {
        var error = Assert.Single(TopologyReader.Parse("{\n  \"name\": ", "test").Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("2:11: not valid JSON:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void unknown_fields_do_not_hide_the_errors_of_meaning()
    {
        var errors = TopologyDocuments.Errors(d =>
        {
            d.At("subnets", 0)["colour"] = "blue";
            d.At("subnets", 0)["routeTable"] = "nope";
        });

        Assert.Contains(errors, e => e.StartsWith("subnets[0].colour: unknown field", StringComparison.Ordinal));
        Assert.Contains("subnets[0].routeTable: no route table named 'nope' (known: public-rt, private-rt)", errors);
    }
}
