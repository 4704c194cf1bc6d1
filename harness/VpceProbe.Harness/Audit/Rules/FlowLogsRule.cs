using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE014: no VPC Flow Logs on the VPC or its subnets.</summary>
internal sealed class FlowLogsRule : IAuditRule
{
    private const string Why =
        "Flow logs are how you see what reaches an endpoint or leaves through the NAT, and what a security group or NACL " +
        "rejected; without them a failed call after a change leaves no trace to debug.";
    private const string Fix = "aws ec2 create-flow-logs --resource-type VPC --resource-ids {0} --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::BUCKET";

    public string Id => "VPCE014";

    public string Name => "no-flow-logs";

    public string Summary => "VPCs without VPC Flow Logs";

    public Severity DefaultSeverity => Severity.Low;

    public IEnumerable<Finding> Evaluate(VpcSnapshot vpc) =>
        vpc.FlowLogIds.Count > 0
            ? []
            : [new Finding(Id, DefaultSeverity, vpc.VpcId, ResourceTypes.Vpc, $"{vpc.VpcId} has no flow logs (on the VPC or any subnet)", Why, AuditText.Fill(Fix, vpc.VpcId))];
}
