using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>
/// Internet egress as the route table implies: reachable through a NAT or an internet gateway, unreachable without.
/// Only with --egress-host: VpceProbe contacts no outside host unless the user names one.
/// </summary>
internal sealed class EgressRule : IDerivationRule
{
    public string Id => "egress";

    public IEnumerable<DerivedProbe> Derive(DerivationContext context)
    {
        if (context.Options.EgressHost is not { } host)
        {
            yield break;
        }

        var route = context.DefaultRoute;
        yield return new(
            new ProbeSpec { Id = "egress", Kind = ProbeKinds.Http, Url = $"http://{host}/", Expect = route.ReachesInternet ? Expectations.Reachable : Expectations.Unreachable },
            new(Id, $"{route.Describe()}: {host} must be {(route.ReachesInternet ? "reachable" : "unreachable")}", null, route.RouteTableId));
    }
}
