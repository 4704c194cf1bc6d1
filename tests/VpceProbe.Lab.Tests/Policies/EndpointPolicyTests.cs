using VpceProbe.Contract.Aws;
using VpceProbe.Lab.Policies;

namespace VpceProbe.Lab.Tests.Policies;

public class EndpointPolicyTests
{
    // The walkthrough's example: S3 restricted to one bucket's objects.
    private const string WalkthroughPolicy = """
        { "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::twtech-secure-bucket/*"] } ] }
        """;

    [Fact]
    public void walkthrough_policy_allows_objects_of_its_bucket()
    {
        var policy = EndpointPolicy.Parse(WalkthroughPolicy);
        Assert.Equal(PolicyDecision.Allowed, policy.Evaluate("s3:GetObject", "arn:aws:s3:::twtech-secure-bucket/reports/a.txt"));
    }

    [Fact]
    public void walkthrough_policy_implicitly_denies_another_bucket_and_bucket_listing()
    {
        var policy = EndpointPolicy.Parse(WalkthroughPolicy);
        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate("s3:GetObject", "arn:aws:s3:::other-bucket/a.txt"));
        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate("s3:ListBucket", "arn:aws:s3:::twtech-secure-bucket"));
        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate("s3:ListAllMyBuckets", "*"));
    }

    [Fact]
    public void explicit_deny_wins_over_allow()
    {
        var policy = EndpointPolicy.Parse("""
            { "Statement": [
              { "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*" },
              { "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*" } ] }
            """);
        Assert.Equal(PolicyDecision.ExplicitDeny, policy.Evaluate("s3:PutObject", "arn:aws:s3:::b/k"));
        Assert.Equal(PolicyDecision.Allowed, policy.Evaluate("s3:GetObject", "arn:aws:s3:::b/k"));
    }

    [Fact]
    public void single_statement_object_is_accepted()
    {
        var policy = EndpointPolicy.Parse("""{ "Statement": { "Effect": "Allow", "Principal": "*", "Action": ["sts:GetCallerIdentity"], "Resource": "*" } }""");
        Assert.Equal(PolicyDecision.Allowed, policy.Evaluate("sts:GetCallerIdentity", "*"));
        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate("sts:AssumeRole", "*"));
    }

    [Fact]
    public void not_action_and_not_resource_exclude_what_they_list()
    {
        var policy = EndpointPolicy.Parse("""
            { "Statement": [ { "Effect": "Allow", "Principal": "*", "NotAction": "s3:Delete*", "NotResource": "arn:aws:s3:::secret-*" } ] }
            """);
        Assert.Equal(PolicyDecision.Allowed, policy.Evaluate("s3:GetObject", "arn:aws:s3:::public/x"));
        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate("s3:DeleteObject", "arn:aws:s3:::public/x"));
        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate("s3:GetObject", "arn:aws:s3:::secret-b"));
    }

    [Fact]
    public void actions_match_case_insensitively_and_resources_case_sensitively()
    {
        var policy = EndpointPolicy.Parse("""{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "S3:getobject", "Resource": "arn:aws:s3:::Bucket/*" } ] }""");
        Assert.Equal(PolicyDecision.Allowed, policy.Evaluate("s3:GetObject", "arn:aws:s3:::Bucket/k"));
        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate("s3:GetObject", "arn:aws:s3:::bucket/k"));
    }

    [Fact]
    public void statement_for_named_principal_does_not_grant_the_lab_caller()
    {
        var policy = EndpointPolicy.Parse("""{ "Statement": [ { "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*" } ] }""");
        Assert.Equal(PolicyDecision.ImplicitDeny, policy.Evaluate("s3:GetObject", "arn:aws:s3:::b/k"));
    }

    [Fact]
    public void missing_policy_means_full_access()
    {
        Assert.Equal(PolicyDecision.Allowed, EndpointPolicy.Parse(null).Evaluate("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:x"));
    }

    [Theory]
    [InlineData("""{ "Version": "2012-10-17" }""")]
    [InlineData("""{ "Statement": [ { "Effect": "Maybe", "Action": "*" } ] }""")]
    [InlineData("""{ "Statement": [ { "Effect": "Allow", "Action": "*", "NotAction": "s3:*" } ] }""")]
    [InlineData("not json")]
    public void malformed_documents_are_rejected(string json)
    {
        Assert.Throws<PolicyFormatException>(() => EndpointPolicy.Parse(json));
    }

    [Theory]
    [InlineData("s3:*", "s3:GetObject", true)]
    [InlineData("s3:Get*Acl", "s3:GetObjectAcl", true)]
    [InlineData("s3:Get*Acl", "s3:GetObject", false)]
    [InlineData("s3:Get?bject", "s3:GetObject", true)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    public void wildcards_follow_iam(string pattern, string value, bool matches)
    {
        Assert.Equal(matches, Wildcard.IsMatch(pattern, value, ignoreCase: true));
    }
}
