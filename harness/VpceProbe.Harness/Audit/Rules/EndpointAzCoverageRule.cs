using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE005: an interface endpoint absent from an AZ that has private subnets.</summary>
internal sealed class EndpointAzCoverageRule : IAuditRule
{
    private const string Why =
        "Instances in an AZ without the endpoint reach it in another AZ: that traffic pays cross-AZ data transfer, and an " +
        "outage of the other AZ cuts them off from the service.";
    private const string Fix = "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --add-subnet-ids SUBNET (one private subnet in each of {1})";

    public string Id => "VPCE005";

    public string Name => "interface-endpoint-missing-az";

    public string Summary => "interface endpoints not present in every AZ that has private subnets";

    public Severity DefaultSeverity => Severity.Low;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc)
    {
        var privateAzs = vpc.PrivateSubnets().Select(s => s.AvailabilityZone).ToHashSet();
        foreach (var endpoint in vpc.InterfaceEndpoints())
        {
            var endpointAzs = endpoint.SubnetIds.Select(id => vpc.Subnet(id)?.AvailabilityZone).OfType<string>().ToHashSet();
            var missing = privateAzs.Except(endpointAzs).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                yield return new Finding(
                    Id, DefaultSeverity, endpoint.Id, ResourceTypes.Endpoint,
                    $"{endpoint.Id} ({endpoint.ServiceName}) has no network interface in {AuditText.List(missing)}, where private subnets are",
                    Why,
                    AuditText.Fill(Fix, endpoint.Id, AuditText.List(missing)));
            }
        }
    }
}
