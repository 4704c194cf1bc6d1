namespace VpceProbe.Harness.Explain;

/// <summary>One row of the cause table: what the code means and how to fix it ({0}, {1}… are the resources of the step).</summary>
internal sealed record CauseEntry(CauseCode Code, string Name, string Meaning, string Fix);

/// <summary>
/// Every cause code with its meaning and fix, in one table: the README's table is this one, and a test keeps
/// the two equal. Fixes are AWS CLI commands where one exists; {0}… are filled from the deciding step.
/// </summary>
internal static class CauseCatalog
{
    public static readonly IReadOnlyList<CauseEntry> All =
    [
        new(CauseCode.NoRoute, "NO_ROUTE", "the subnet's route table has no route to the destination",
            "aws ec2 create-route --route-table-id {0} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NAT_ID (or create the service's VPC endpoint)"),
        new(CauseCode.NatRouteRemoved, "NAT_ROUTE_REMOVED", "the VPC has a NAT gateway but the subnet's route table sends nothing to it, and no endpoint serves the service",
            "aws ec2 create-route --route-table-id {0} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id {1} (or create the service's VPC endpoint)"),
        new(CauseCode.SgEgressBlocks, "SG_EGRESS_BLOCKS", "no egress rule of the instance's security groups allows the traffic",
            "aws ec2 authorize-security-group-egress --group-id {0} --protocol tcp --port {1} --cidr {2}"),
        new(CauseCode.SgIngressBlocks, "SG_INGRESS_BLOCKS", "no ingress rule of the endpoint's security groups allows the traffic from the instance",
            "aws ec2 authorize-security-group-ingress --group-id {0} --protocol tcp --port {1} --cidr {2}"),
        new(CauseCode.NaclBlocks, "NACL_BLOCKS", "a network ACL rule drops the request (NACLs are stateless and checked at each subnet's edge)",
            "aws ec2 create-network-acl-entry --network-acl-id {0} --rule-number N --protocol tcp --port-range From={1},To={1} --cidr-block {2} --rule-action allow {3} (N below rule {4})"),
        new(CauseCode.NaclReturnBlocks, "NACL_RETURN_BLOCKS", "a network ACL rule drops the answer to the client's ephemeral ports (1024-65535)",
            "aws ec2 create-network-acl-entry --network-acl-id {0} --rule-number N --protocol tcp --port-range From=1024,To=65535 --cidr-block {2} --rule-action allow {3} (N below rule {4})"),
        new(CauseCode.EndpointPolicyDenies, "ENDPOINT_POLICY_DENIES", "no statement of the endpoint policy allows the call (implicit deny)",
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --policy-document file://policy.json (add an Allow for {1} on {2})"),
        new(CauseCode.EndpointPolicyExplicitDeny, "ENDPOINT_POLICY_EXPLICIT_DENY", "a Deny statement of the endpoint policy matches the call; it wins over any Allow",
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --policy-document file://policy.json (remove or narrow statement {1})"),
        new(CauseCode.PrivateDnsOff, "PRIVATE_DNS_OFF", "the interface endpoint's private DNS is off: the service's name answers with public addresses",
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --private-dns-enabled"),
        new(CauseCode.VpcDnsAttributesOff, "VPC_DNS_ATTRIBUTES_OFF", "enableDnsSupport or enableDnsHostnames is off: the VPC resolver does not answer, or private DNS does not apply",
            "aws ec2 modify-vpc-attribute --vpc-id {0} --{1} '{{\"Value\":true}}'"),
        new(CauseCode.EndpointNotInAz, "ENDPOINT_NOT_IN_AZ", "the interface endpoint has no network interface in the instance's AZ: traffic crosses AZs (it works, pays cross-AZ transfer, and fails with the other AZ)",
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --add-subnet-ids SUBNET_IN_{1}"),
        new(CauseCode.EndpointPending, "ENDPOINT_PENDING", "the endpoint is not available yet: until it is, it carries nothing",
            "aws ec2 wait vpc-endpoint-available --vpc-endpoint-ids {0} (then probe again)"),
        new(CauseCode.GatewayEndpointNotOnRouteTable, "GATEWAY_ENDPOINT_NOT_ON_ROUTE_TABLE", "the gateway endpoint is not associated with the instance's route table: the service's traffic follows the default route",
            "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --add-route-table-ids {1}"),
        new(CauseCode.NotExplainedByVpc, "NOT_EXPLAINED_BY_VPC", "the VPC's configuration predicts another outcome than the instance saw: look at the instance (resolver, /etc/hosts, proxy)",
            "check the instance facts shown with the cell: nameservers, /etc/hosts entries, proxy variables, the address connected to"),
    ];

    public static CauseEntry Of(CauseCode code) => All.First(e => e.Code == code);

    /// <summary>The code as printed and written ("NO_ROUTE").</summary>
    public static string Name(CauseCode code) => Of(code).Name;

    /// <summary>The fix with the step's resources filled in; a slot without a value keeps its placeholder.</summary>
    public static string Fix(CauseCode code, IReadOnlyList<string> values)
    {
        var fix = Of(code).Fix;
        for (var i = 0; i < values.Count; i++)
        {
            fix = fix.Replace($"{{{i}}}", values[i], StringComparison.Ordinal);
        }

        return fix.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);
    }
}
