using System.Text.Json;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Twin;

/// <summary>
/// VPC endpoints of the AWS services the lab serves (its internet's service addresses), with their route tables or
/// subnets, security groups, private DNS and policy. Others (another service, a PrivateLink service, Gateway Load
/// Balancer endpoints) are reported as left out.
/// </summary>
internal static class EndpointTwin
{
    private static readonly string[] Gone = ["deleting", "deleted", "failed", "rejected", "expired"];

    public static IReadOnlyList<EndpointSpec> Endpoints(TwinScope scope, InternetSpec internet)
    {
        var specs = new List<EndpointSpec>();
        var prefix = $"com.amazonaws.{scope.Snapshot.Region}.";
        foreach (var endpoint in scope.Snapshot.Endpoints.Where(e => !Gone.Contains(e.State)))
        {
            var service = endpoint.ServiceName.StartsWith(prefix, StringComparison.Ordinal) ? endpoint.ServiceName[prefix.Length..] : null;
            var type = endpoint.Type switch { "gateway" => EndpointTypes.Gateway, "interface" => EndpointTypes.Interface, _ => null };
            if (type is null || service is null || !internet.ServiceAddresses.ContainsKey(service))
            {
                scope.Report.Leave(endpoint.Id, $"{endpoint.Type} endpoint for {endpoint.ServiceName}",
                    $"the lab serves {string.Join(", ", internet.ServiceAddresses.Keys)} through Gateway and Interface endpoints");
                continue;
            }

            var gateway = type == EndpointTypes.Gateway;
            specs.Add(new EndpointSpec
            {
                Name = scope.Endpoints.Assign(endpoint.Id, endpoint.Tags, $"{service}-{type.ToLowerInvariant()}"),
                Service = service,
                Type = type,
                RouteTables = gateway ? [.. endpoint.RouteTableIds.Select(scope.RouteTables.Of).OfType<string>()] : [],
                Subnets = gateway ? [] : [.. endpoint.SubnetIds.Select(scope.Subnets.Of).OfType<string>()],
                SecurityGroups = gateway ? [] : [.. endpoint.SecurityGroupIds.Select(scope.SecurityGroups.Of).OfType<string>()],
                PrivateDns = gateway ? null : endpoint.PrivateDnsEnabled,
                Policy = Policy(scope, endpoint),
                SourceId = endpoint.Id,
                Tags = scope.Tags(endpoint.Id, endpoint.Tags),
            });
        }

        return specs;
    }

    // AWS returns the policy as a string (pretty-printed JSON); a topology holds it as a JSON object.
    private static JsonElement? Policy(TwinScope scope, SnapshotEndpoint endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint.PolicyDocument))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(endpoint.PolicyDocument);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // reported below
        }

        scope.Report.Leave(endpoint.Id, "its policy", "not a JSON object; the twin's endpoint has AWS's default (full access) policy");
        return null;
    }
}
