using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>
/// Every live gateway endpoint (S3, DynamoDB): a harmless call through it from instances whose route table it is on.
/// S3 is asked ListBuckets (signed, with the instance's credentials), which the endpoint policy may deny: a denial
/// by the policy still proves the path, so the expectation follows the policy. DynamoDB is fetched over HTTPS (the
/// agent has no DynamoDB call): any HTTP answer proves the path. From subnets whose table the endpoint is not on,
/// the same call goes wherever their default route goes, and is expected to do just that, with the reason "not on
/// this subnet's route table"; with --strict the cell fails there whatever the call observes.
/// </summary>
internal sealed class GatewayEndpointRule : IDerivationRule
{
    public string Id => "gateway-endpoint";

    public IEnumerable<DerivedProbe> Derive(DerivationContext context)
    {
        foreach (var endpoint in context.LiveEndpoints(EndpointType.Gateway))
        {
            var service = endpoint.ShortService;
            var table = context.Target.RouteTable?.Id;
            var onTable = table is not null && endpoint.RouteTableIds.Contains(table);
            var probe = service switch
            {
                "s3" => new ProbeSpec { Id = "s3-gateway", Kind = ProbeKinds.S3 },
                "dynamodb" => new ProbeSpec { Id = "dynamodb-gateway", Kind = ProbeKinds.Http, Url = $"https://{context.ServiceHost(service)}/" },
                _ => null,
            };
            if (probe is null)
            {
                continue;
            }

            var throughEndpoint = ThroughEndpoint(service, endpoint);
            if (onTable)
            {
                yield return new(probe with { Expect = throughEndpoint.Expect },
                    new(Id, $"gateway endpoint {endpoint.Id} ({service}) is on route table {table}: {throughEndpoint.Why}", endpoint.Id, table));
            }
            else if (context.Options.Strict)
            {
                // The call may still succeed through a NAT, so the observation alone cannot fail the cell: the snapshot does.
                yield return new(probe with { Expect = throughEndpoint.Expect },
                    new(Id, $"gateway endpoint {endpoint.Id} ({service}) is not on this subnet's route table {table} (--strict: it must be)", endpoint.Id, table),
                    $"--strict: gateway endpoint {endpoint.Id} ({service}) is not on route table {table}");
            }
            else
            {
                var route = context.DefaultRoute;
                var expect = route.ReachesInternet ? Reached(service) : Expectations.Unreachable;
                yield return new(probe with { Expect = expect },
                    new(Id, $"gateway endpoint {endpoint.Id} ({service}) is not on this subnet's route table {table}: {service} goes where the default route goes ({route.Describe()})", endpoint.Id, table));
            }
        }
    }

    private static string Reached(string service) => service == "s3" ? Expectations.Allowed : Expectations.Reachable;

    private static (string Expect, string Why) ThroughEndpoint(string service, EndpointInfo endpoint)
    {
        if (service != "s3")
        {
            return (Expectations.Reachable, $"{service} must answer through it");
        }

        return Audit.PolicyEvaluator.Decide(endpoint.PolicyDocument, "s3:ListAllMyBuckets", "*").Kind == Audit.PolicyDecisionKind.Allowed
            ? (Expectations.Allowed, "ListBuckets must be allowed through it")
            : (Expectations.Denied, "its policy does not allow s3:ListAllMyBuckets, so ListBuckets must be denied by it (which proves the path)");
    }
}
