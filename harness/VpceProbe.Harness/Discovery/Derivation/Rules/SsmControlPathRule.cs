using VpceProbe.Contract.Aws;
using VpceProbe.Contract;

namespace VpceProbe.Harness.Discovery.Derivation.Rules;

/// <summary>
/// The instance's SSM agent must reach ssm, ssmmessages and, for agents older than 3.3.40.0, ec2messages on 443:
/// through an interface endpoint when there is one, else through the default route. Without them the instance
/// drops out of Systems Manager, and with it the path VpceProbe itself uses.
/// </summary>
internal sealed class SsmControlPathRule : IDerivationRule
{
    private const int Https = 443;

    public string Id => "ssm-control-path";

    public IEnumerable<DerivedProbe> Derive(DerivationContext context)
    {
        var version = context.Target.Instance.SsmAgentVersion;
        var needs = version is null
            ? "SSM agent version unknown, so every endpoint it may need"
            : $"SSM agent {version}";
        foreach (var service in SsmControlPath.RequiredServices(version))
        {
            var endpoint = context.PrivateDnsEndpoint(service);
            var via = endpoint is not null ? $"through interface endpoint {endpoint.Id}" : $"through the default route ({context.DefaultRoute.Describe()})";
            yield return new(
                new ProbeSpec { Id = $"tcp-{service}", Kind = ProbeKinds.Tcp, Host = context.ServiceHost(service), Port = Https, Expect = Expectations.Reachable },
                new(Id, $"{needs}: the SSM control path needs {service} {via}", endpoint?.Id, endpoint is null ? context.DefaultRoute.RouteTableId : null));
        }
    }
}
