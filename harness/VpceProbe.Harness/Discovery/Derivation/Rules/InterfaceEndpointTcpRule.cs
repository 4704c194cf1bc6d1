using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>
/// Every live interface endpoint must answer on TCP 443 from every instance (its security groups and the subnets'
/// network ACLs let HTTPS through): at the service's name when private DNS is on, else at the endpoint's own name.
/// </summary>
internal sealed class InterfaceEndpointTcpRule : IDerivationRule
{
    private const int Https = 443;

    public string Id => "interface-endpoint-tcp";

    public IEnumerable<DerivedProbe> Derive(DerivationContext context)
    {
        foreach (var endpoint in context.LiveEndpoints(EndpointType.Interface))
        {
            var service = endpoint.ShortService;
            var (id, host) = endpoint.PrivateDnsEnabled
                ? ($"tcp-{service}", context.ServiceHost(service))
                : ($"tcp-{service}-vpce", InterfaceEndpointNames.Specific(endpoint));
            if (host is null)
            {
                continue;
            }

            yield return new(
                new ProbeSpec { Id = id, Kind = ProbeKinds.Tcp, Host = host, Port = Https, Expect = Expectations.Reachable },
                new(Id, $"interface endpoint {endpoint.Id} ({service}) must accept HTTPS at {host} (security groups {string.Join(", ", endpoint.SecurityGroupIds)})", endpoint.Id));
        }
    }
}
