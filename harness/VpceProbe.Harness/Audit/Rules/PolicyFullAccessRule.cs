namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE008: an endpoint keeps the default full-access policy (principal *, action *, resource *).</summary>
internal sealed class PolicyFullAccessRule : EndpointPolicyRule
{
    public override string Id => "VPCE008";

    public override string Name => "endpoint-policy-full-access";

    public override string Summary => "endpoints with the default full-access policy";

    public override Severity DefaultSeverity => Severity.Medium;

    protected override PolicyBreadth Breadth => PolicyBreadth.FullAccess;

    protected override string Problem => "allows every action on every resource to every principal";

    protected override string Why =>
        "The endpoint policy is the one place that limits what may pass through the endpoint. Full access lets any credentials " +
        "reach any resource of the service through it, including another account's buckets or secrets (a data exfiltration path).";

    protected override string FixTemplate =>
        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --policy-document file://policy.json, with statements that name the " +
        "actions and resources the VPC needs and a condition such as aws:PrincipalAccount or aws:PrincipalOrgID";
}
