namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// What the data plane must look like for one <see cref="VpcState"/>: computed by <see cref="RouterPlanner"/>
/// (pure, so it is unit-tested without root), applied by <see cref="RouterApplier"/>.
/// </summary>
internal sealed record RouterPlan(
    string VpcCidr,
    string ResolverAddress,
    bool ResolverAnswers,
    IReadOnlyList<SubnetPlan> Subnets,
    IReadOnlyList<AttachmentPlan> Attachments,
    IReadOnlyList<EniPlan> Enis,
    IReadOnlyList<GatewayEndpointPlan> GatewayEndpoints,
    string HostsFile)
{
    /// <summary>Who has a public address, so the internet gateway carries (and translates) their traffic.</summary>
    public IReadOnlyList<PublicAddressPlan> PublicAddresses { get; init; } = [];

    /// <summary>Every instance's security groups, resolved to addresses.</summary>
    public IReadOnlyList<InstanceFirewallPlan> InstanceFirewalls { get; init; } = [];
}

/// <param name="Bridge">The subnet's bridge in the router namespace; the router's address on it is base + 1.</param>
/// <param name="TableId">The policy-routing table holding the subnet's route table.</param>
/// <param name="Routes">`ip route` arguments (after `ip route add`), the table's routes beyond the VPC-local one.</param>
internal sealed record SubnetPlan(string Id, string Cidr, string Bridge, string RouterAddress, int TableId, IReadOnlyList<string> Routes)
{
    /// <summary>The subnet's network ACL; null where none is known (treated as the default ACL: all allowed).</summary>
    public NetworkAclPlan? Acl { get; init; }
}

/// <summary>A network ACL's entries, each direction in evaluation order (rule number).</summary>
internal sealed record NetworkAclPlan(string Id, IReadOnlyList<NetworkAclEntry> Ingress, IReadOnlyList<NetworkAclEntry> Egress);

internal enum AttachmentKind
{
    Instance,
    NatGateway,
}

/// <summary>A namespace on a subnet: an instance, or a NAT gateway.</summary>
/// <param name="RouterLink">The veth end on the router side, a port of the subnet's bridge.</param>
/// <param name="Gateway">The subnet's router address: everything the namespace sends goes there, even inside its subnet.</param>
internal sealed record AttachmentPlan(string Id, string Namespace, string SubnetId, string Bridge, string RouterLink, string Address, int PrefixLength, string Gateway, AttachmentKind Kind)
{
    public bool IsNat => Kind == AttachmentKind.NatGateway;

    /// <summary>Forwards and masquerades traffic that is not its own: a NAT gateway, or an instance with its source/dest check off.</summary>
    public bool Forwards { get; init; }
}

/// <summary>An interface endpoint's address in one subnet, and what its security groups let in.</summary>
internal sealed record EniPlan(string EndpointId, string Service, string SubnetId, string Bridge, string Address, bool CarriesTraffic, IReadOnlyList<FirewallRule> Ingress);

/// <summary>A gateway endpoint in force: connections from its subnets to the service's addresses go to its frontend.</summary>
internal sealed record GatewayEndpointPlan(string EndpointId, string Service, string FrontendAddress, IReadOnlyList<string> SourceCidrs, IReadOnlyList<string> ServiceAddresses);

/// <summary>An allow rule of a security group with its peers resolved to CIDRs (group references become member addresses).</summary>
internal sealed record FirewallRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> Peers);

/// <summary>An instance's security groups: what may reach it, and what it may send (stateful: replies always pass).</summary>
internal sealed record InstanceFirewallPlan(string InstanceId, string Address, IReadOnlyList<FirewallRule> Ingress, IReadOnlyList<FirewallRule> Egress);

/// <summary>A private address the internet gateway translates one-to-one to a lab public address.</summary>
internal sealed record PublicAddressPlan(string OwnerId, string PrivateAddress, string PublicAddress);
