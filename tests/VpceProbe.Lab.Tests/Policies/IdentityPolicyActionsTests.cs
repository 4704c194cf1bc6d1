using System.Text.Json;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Tests.Policies;

public class IdentityPolicyActionsTests
{
    private static IdentityPolicyActions Read(params string[] policies) =>
        IdentityPolicyActions.Read(policies.Select(p => JsonDocument.Parse(p).RootElement));

    [Fact]
    public void actions_come_from_every_statement_as_a_string_or_a_list_with_iam_wildcards()
    {
        var actions = Read(
            """{"Statement":{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}}""",
            """{"Statement":[{"Effect":"Allow","Action":["ssm:SendCommand"],"Resource":"*"},{"Effect":"Deny","Action":"ec2:DescribeFlowLogs","Resource":"*"}]}""");
        Assert.Equal(["ec2:Describe*", "ssm:SendCommand"], actions.Allowed);
        Assert.True(actions.Allows("ec2:DescribeVpcs"));
        Assert.True(actions.Allows("EC2:describevpcs"));
        Assert.False(actions.Allows("ec2:DescribeFlowLogs"));
        Assert.False(actions.Allows("ec2:DeleteRoute"));
        Assert.False(actions.Allows("ssm:SendCommandX"));
    }

    [Fact]
    public void a_document_without_statement_is_refused()
    {
        Assert.Throws<PolicyFormatException>(() => Read("""{"Version":"2012-10-17"}"""));
    }
}
