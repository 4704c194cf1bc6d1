using System.Text.Json.Nodes;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.Topology;

/// <summary>A small valid topology document that validator tests break one way at a time.</summary>
internal static class TopologyDocuments
{
    public const string Valid = """
        {
          "schemaVersion": 2,
          "name": "small",
          "region": "us-east-1",
          "vpc": { "name": "vpc", "cidr": "10.42.0.0/16", "enableDnsSupport": true, "enableDnsHostnames": true },
          "internetGateway": { "name": "igw" },
          "subnets": [
            { "name": "public-a", "cidr": "10.42.0.0/24", "availabilityZone": "us-east-1a", "routeTable": "public-rt" },
            { "name": "private-a", "cidr": "10.42.1.0/24", "availabilityZone": "us-east-1a", "routeTable": "private-rt", "networkAcl": "private-nacl" },
            { "name": "private-b", "cidr": "10.42.2.0/24", "availabilityZone": "us-east-1b" }
          ],
          "natGateways": [ { "name": "nat-a", "subnet": "public-a" } ],
          "routeTables": [
            { "name": "public-rt", "routes": [ { "destination": "0.0.0.0/0", "internetGateway": "igw" } ] },
            { "name": "private-rt", "routes": [ { "destination": "0.0.0.0/0", "natGateway": "nat-a" } ] }
          ],
          "networkAcls": [
            { "name": "private-nacl",
              "ingress": [ { "ruleNumber": 100, "protocol": "-1", "cidr": "0.0.0.0/0", "action": "allow" } ],
              "egress": [ { "ruleNumber": 100, "protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "0.0.0.0/0", "action": "allow" } ] }
          ],
          "securityGroups": [
            { "name": "app", "description": "app", "egress": [ { "protocol": "tcp", "fromPort": 443, "toPort": 443, "securityGroup": "endpoints" } ] },
            { "name": "endpoints", "description": "endpoints", "ingress": [ { "protocol": "tcp", "fromPort": 443, "toPort": 443, "securityGroup": "app" } ] }
          ],
          "roles": [ { "name": "app-role", "instanceProfile": "app-profile", "policy": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:Get*", "Resource": "*" } ] } } ],
          "instances": [
            { "name": "app", "subnet": "private-a", "privateIp": "10.42.1.10", "instanceProfile": "app-profile", "securityGroups": [ "app" ] },
            { "name": "worker", "subnet": "private-b", "count": 3, "architecture": "arm64", "ssmAgentVersion": "3.2.582.0", "tags": { "team": "x" } }
          ],
          "endpoints": [
            { "service": "s3", "type": "Gateway", "routeTables": [ "private-rt" ] },
            { "name": "ssm", "service": "ssm", "type": "Interface", "subnets": [ "private-a", "private-b" ], "securityGroups": [ "endpoints" ] }
          ],
          "buckets": [ { "name": "small-bucket", "objects": { "a.txt": "a" } } ],
          "secrets": [ { "name": "small/secret", "value": "v" } ],
          "internet": { "webHosts": { "example.com": "203.0.113.10" }, "serviceAddresses": { "s3": "198.51.100.10", "ssm": "198.51.100.13" } }
        }
        """;

    /// <summary>The valid document changed by <paramref name="change"/>, read as `lab up` reads it: its errors as "path: message".</summary>
    public static IReadOnlyList<string> Errors(Action<JsonObject> change)
    {
        var document = JsonNode.Parse(Valid)!.AsObject();
        change(document);
        return [.. TopologyReader.Parse(document.ToJsonString(), "test").Errors.Select(e => e.ToString())];
    }

    public static JsonObject At(this JsonObject document, string collection, int index) => document[collection]![index]!.AsObject();
}
