using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>
/// GetCallerIdentity with the instance's own credentials: allowed through an sts interface endpoint with private
/// DNS, or through the default route to the internet; with neither, STS is expected out of reach, as the route
/// table implies (a change that removes the NAT without an sts endpoint shows as a change, not as a surprise).
/// </summary>
internal sealed class StsRule : IDerivationRule
{
    public string Id => "sts";

    public IEnumerable<DerivedProbe> Derive(DerivationContext context)
    {
        var probe = new ProbeSpec { Id = "sts", Kind = ProbeKinds.Sts };
        var route = context.DefaultRoute;
        if (context.PrivateDnsEndpoint("sts") is { } endpoint)
        {
            yield return new(probe with { Expect = Expectations.Allowed },
                new(Id, $"the instance's credentials must work through interface endpoint {endpoint.Id} (sts)", endpoint.Id));
        }
        else if (route.ReachesInternet)
        {
            yield return new(probe with { Expect = Expectations.Allowed },
                new(Id, $"no sts endpoint; the instance's credentials must work through the default route ({route.Describe()})", null, route.RouteTableId));
        }
        else
        {
            yield return new(probe with { Expect = Expectations.Unreachable },
                new(Id, $"no sts endpoint and {route.Describe()}: STS must be out of reach", null, route.RouteTableId));
        }
    }
}
