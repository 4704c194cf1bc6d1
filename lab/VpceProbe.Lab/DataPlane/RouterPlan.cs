namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// What the data plane must look like for one <see cref="VpcState"/>: computed by <see cref="RouterPlanner"/>
/// (pure, so it is unit-tested without root), applied by <see cref="RouterApplier"/>.
/// </summary>
public sealed record RouterPlan(
    string VpcCidr,
    string ResolverAddress,
    bool ResolverAnswers,
    IReadOnlyList<SubnetPlan> Subnets,
    IReadOnlyList<AttachmentPlan> Attachments,
    IReadOnlyList<EniPlan> Enis,
    IReadOnlyList<GatewayEndpointPlan> GatewayEndpoints,
    string HostsFile);

/// <param name="Bridge">The subnet's bridge in the router namespace; the router's address on it is base + 1.</param>
/// <param name="TableId">The policy-routing table holding the subnet's route table.</param>
/// <param name="Routes">`ip route` arguments (after `ip route add`), the table's routes beyond the VPC-local one.</param>
public sealed record SubnetPlan(string Id, string Cidr, string Bridge, string RouterAddress, int TableId, IReadOnlyList<string> Routes);

/// <summary>A namespace on a subnet: an instance, or the NAT gateway (which also links to the internet).</summary>
/// <param name="RouterLink">The veth end on the router side, a port of the subnet's bridge.</param>
public sealed record AttachmentPlan(string Id, string Namespace, string SubnetId, string Bridge, string RouterLink, string Address, int PrefixLength, string Gateway, bool IsNat);

/// <summary>An interface endpoint's address in one subnet, and what its security group lets through.</summary>
/// <param name="AllowedSources">CIDRs allowed to reach 443; empty means nothing is.</param>
public sealed record EniPlan(string EndpointId, string Service, string SubnetId, string Bridge, string Address, bool CarriesTraffic, IReadOnlyList<string> AllowedSources);

/// <summary>A gateway endpoint in force: connections from its subnets to the service's addresses go to its frontend.</summary>
public sealed record GatewayEndpointPlan(string EndpointId, string Service, string FrontendAddress, IReadOnlyList<string> SourceCidrs, IReadOnlyList<string> ServiceAddresses);
