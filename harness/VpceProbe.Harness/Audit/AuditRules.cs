using VpceProbe.Harness.Audit.Rules;

namespace VpceProbe.Harness.Audit;

/// <summary>The one list of audit rules, in id order. A new rule is added here and nowhere else.</summary>
internal static class AuditRules
{
    public static IReadOnlyList<IAuditRule> All { get; } =
    [
        new DnsAttributesRule(),
        new NatWithoutGatewayEndpointRule(),
        new SsmUnreachableRule(),
        new PrivateDnsOffRule(),
        new EndpointAzCoverageRule(),
        new EndpointSecurityGroupOpenRule(),
        new EndpointSecurityGroupBlocksRule(),
        new PolicyFullAccessRule(),
        new PolicyOpenPrincipalRule(),
        new PolicyUnparseableRule(),
        new GatewayEndpointAssociationRule(),
        new ShadowedPrefixListRouteRule(),
        new EndpointNetworkAclRule(),
        new FlowLogsRule(),
    ];
}
