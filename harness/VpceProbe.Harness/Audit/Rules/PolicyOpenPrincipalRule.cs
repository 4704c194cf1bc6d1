namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE009: an endpoint policy allows principal * with no condition (the walkthrough's one-bucket example does).</summary>
/// <remarks>Full-access policies are VPCE008's; this rule reports the scoped ones that still trust any principal.</remarks>
internal sealed class PolicyOpenPrincipalRule : EndpointPolicyRule
{
    public override string Id => "VPCE009";

    public override string Name => "endpoint-policy-open-principal";

    public override string Summary => "endpoint policies that allow principal * without a restricting condition";

    public override Severity DefaultSeverity => Severity.Low;

    protected override PolicyBreadth Breadth => PolicyBreadth.OpenPrincipal;

    protected override string Problem => "has an Allow statement for principal * with no condition";

    protected override string Why =>
        "Principal * without a condition lets credentials from any AWS account use the endpoint for the allowed actions, " +
        "for example to write into the allowed bucket with an outside account's keys.";

    protected override string FixTemplate =>
        "Add a condition to each Allow statement with Principal *, e.g. \"Condition\": {{\"StringEquals\": {{\"aws:PrincipalAccount\": \"ACCOUNT_ID\"}}}}, " +
        "then aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --policy-document file://policy.json";
}
