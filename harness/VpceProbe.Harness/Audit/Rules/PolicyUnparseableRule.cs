namespace VpceProbe.Harness.Audit.Rules;

/// <summary>VPCE010: an endpoint policy that is not a JSON policy document with a Statement.</summary>
internal sealed class PolicyUnparseableRule : EndpointPolicyRule
{
    public override string Id => "VPCE010";

    public override string Name => "endpoint-policy-unparseable";

    public override string Summary => "endpoint policies that cannot be parsed";

    public override Severity DefaultSeverity => Severity.High;

    protected override PolicyBreadth Breadth => PolicyBreadth.Unparseable;

    protected override string Problem => "has a policy that is not a JSON policy document with a Statement";

    protected override string Why =>
        "What such a policy allows cannot be checked, by this audit or by a person reading it; AWS itself only accepts " +
        "well-formed documents, so the text is not what was intended.";

    protected override string FixTemplate => "aws ec2 modify-vpc-endpoint --vpc-endpoint-id {0} --policy-document file://policy.json with a valid JSON policy";
}
