using VpceProbe.Harness.Discovery.Derivation.Rules;

namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>The one list of derivation rules, in the order their probes appear in a plan. Add a rule here, nowhere else.</summary>
internal static class DerivationRules
{
    public static IReadOnlyList<IDerivationRule> All { get; } =
    [
        new InterfaceEndpointDnsRule(),
        new InterfaceEndpointTcpRule(),
        new SsmControlPathRule(),
        new GatewayEndpointRule(),
        new StsRule(),
        new EgressRule(),
        new BucketDataPathRule(),
        new SecretDataPathRule(),
    ];
}
