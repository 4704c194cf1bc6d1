using System.Text.Json.Serialization;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// Why a cell's traffic went where it went or stopped where it stopped, modelled on Reachability Analyzer's
/// explanation codes. The table of codes with their fixes is <see cref="CauseCatalog"/> (and the README's).
/// </summary>
internal enum CauseCode
{
    [JsonStringEnumMemberName("NO_ROUTE")] NoRoute,
    [JsonStringEnumMemberName("NAT_ROUTE_REMOVED")] NatRouteRemoved,
    [JsonStringEnumMemberName("SG_EGRESS_BLOCKS")] SgEgressBlocks,
    [JsonStringEnumMemberName("SG_INGRESS_BLOCKS")] SgIngressBlocks,
    [JsonStringEnumMemberName("NACL_BLOCKS")] NaclBlocks,
    [JsonStringEnumMemberName("NACL_RETURN_BLOCKS")] NaclReturnBlocks,
    [JsonStringEnumMemberName("ENDPOINT_POLICY_DENIES")] EndpointPolicyDenies,
    [JsonStringEnumMemberName("ENDPOINT_POLICY_EXPLICIT_DENY")] EndpointPolicyExplicitDeny,
    [JsonStringEnumMemberName("PRIVATE_DNS_OFF")] PrivateDnsOff,
    [JsonStringEnumMemberName("VPC_DNS_ATTRIBUTES_OFF")] VpcDnsAttributesOff,
    [JsonStringEnumMemberName("ENDPOINT_NOT_IN_AZ")] EndpointNotInAz,
    [JsonStringEnumMemberName("ENDPOINT_PENDING")] EndpointPending,
    [JsonStringEnumMemberName("GATEWAY_ENDPOINT_NOT_ON_ROUTE_TABLE")] GatewayEndpointNotOnRouteTable,
    [JsonStringEnumMemberName("NOT_EXPLAINED_BY_VPC")] NotExplainedByVpc,
}
