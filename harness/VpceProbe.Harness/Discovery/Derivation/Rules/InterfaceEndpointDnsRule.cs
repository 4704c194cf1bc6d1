using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>
/// Every live interface endpoint: with private DNS on, the service's own name must resolve to addresses inside the
/// VPC (the endpoint's ENIs) from every instance; with it off, the endpoint-specific name must.
/// </summary>
internal sealed class InterfaceEndpointDnsRule : IDerivationRule
{
    public string Id => "interface-endpoint-dns";

    public IEnumerable<DerivedProbe> Derive(DerivationContext context)
    {
        foreach (var endpoint in context.LiveEndpoints(EndpointType.Interface))
        {
            var service = endpoint.ShortService;
            if (endpoint.PrivateDnsEnabled)
            {
                yield return new(
                    new ProbeSpec { Id = $"dns-{service}", Kind = ProbeKinds.Dns, Name = context.ServiceHost(service), Expect = Expectations.Private },
                    new(Id, $"interface endpoint {endpoint.Id} ({service}) has private DNS on: {context.ServiceHost(service)} must resolve inside the VPC", endpoint.Id));
            }
            else if (InterfaceEndpointNames.Specific(endpoint) is { } name)
            {
                yield return new(
                    new ProbeSpec { Id = $"dns-{service}-vpce", Kind = ProbeKinds.Dns, Name = name, Expect = Expectations.Private },
                    new(Id, $"interface endpoint {endpoint.Id} ({service}) has private DNS off: its own name {name} must resolve inside the VPC", endpoint.Id));
            }
        }
    }
}
