using System.Text;
using System.Text.Json;
using VpceProbe.Contract.Aws;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Tests.Gateway;

public class PermissionGateTests
{
    private const string Auth = "AWS4-HMAC-SHA256 Credential=testing/20261130/us-east-1/{0}/aws4_request, SignedHeaders=host, Signature=00";

    private static AwsRequest Ec2(string body) =>
        new("POST", "127.0.0.1:4566", "/", "",
            new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8", ["Authorization"] = string.Format(null, Auth, "ec2") },
            Encoding.UTF8.GetBytes(body));

    private static AwsRequest Ssm(string operation, string body = "{}") =>
        new("POST", "127.0.0.1:4566", "/", "",
            new Dictionary<string, string> { ["X-Amz-Target"] = $"AmazonSSM.{operation}", ["Authorization"] = string.Format(null, Auth, "ssm") }, Encoding.UTF8.GetBytes(body));

    private static PermissionGate Gate() => new(new CallerIdentities("123456789012"), "us-east-1", "123456789012");

    [Fact]
    public void an_allowed_ec2_call_with_dry_run_answers_412_dry_run_operation_and_goes_no_further()
    {
        var answer = Gate().Decide(Ec2("Action=DeleteRoute&RouteTableId=rtb-1&DestinationCidrBlock=0.0.0.0%2F0&DryRun=true"));
        Assert.NotNull(answer);
        Assert.Equal(412, answer.StatusCode);
        Assert.Contains("<Code>DryRunOperation</Code>", answer.Body, StringComparison.Ordinal);
        Assert.Contains(PermissionGate.DryRunMessage, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void an_allowed_call_without_dry_run_passes()
    {
        Assert.Null(Gate().Decide(Ec2("Action=DeleteRoute&RouteTableId=rtb-1&DestinationCidrBlock=0.0.0.0%2F0")));
    }

    [Fact]
    public void a_denied_ec2_action_is_unauthorized_operation_naming_action_resource_and_an_encoded_message_also_on_dry_run()
    {
        var gate = Gate();
        gate.Deny("ec2:DeleteRoute");
        var answer = gate.Decide(Ec2("Action=DeleteRoute&RouteTableId=rtb-1&DestinationCidrBlock=0.0.0.0%2F0&DryRun=true"));
        Assert.NotNull(answer);
        Assert.Equal(403, answer.StatusCode);
        Assert.Contains("<Code>UnauthorizedOperation</Code>", answer.Body, StringComparison.Ordinal);
        Assert.Contains("not authorized to perform: ec2:DeleteRoute on resource: arn:aws:ec2:us-east-1:123456789012:route-table/rtb-1", answer.Body, StringComparison.Ordinal);
        Assert.Contains("Encoded authorization failure message: ", answer.Body, StringComparison.Ordinal);
        Assert.Null(gate.Decide(Ec2("Action=CreateRoute&RouteTableId=rtb-1")));
    }

    [Fact]
    public void loaded_policies_refuse_what_no_statement_allows_with_the_services_own_error()
    {
        var gate = Gate();
        using var policy = JsonDocument.Parse("""{"Statement":[{"Effect":"Allow","Action":["ec2:Describe*","ssm:GetCommandInvocation"],"Resource":"*"}]}""");
        gate.Load(IdentityPolicyActions.Read([policy.RootElement]), IdentityPolicy.Read([policy.RootElement]));
        Assert.Null(gate.Decide(Ec2("Action=DescribeVpcs")));
        Assert.Null(gate.Decide(Ssm("GetCommandInvocation")));
        var ssm = gate.Decide(Ssm("SendCommand", """{"DocumentName":"AWS-RunShellScript","InstanceIds":["i-1"]}"""));
        Assert.NotNull(ssm);
        Assert.Equal(400, ssm.StatusCode);
        Assert.Contains("\"__type\":\"AccessDeniedException\"", ssm.Body, StringComparison.Ordinal);
        Assert.Contains("ssm:SendCommand on resource: arn:aws:ssm:us-east-1::document/AWS-RunShellScript", ssm.Body, StringComparison.Ordinal);
        Assert.Equal(403, gate.Decide(Ec2("Action=CreateVpcEndpoint&VpcId=vpc-1"))?.StatusCode);
    }

    [Fact]
    public void instance_role_keys_are_not_gated()
    {
        var callers = new CallerIdentities("123456789012");
        callers.Issued("testing", "twtech-role", "i-1");
        var gate = new PermissionGate(callers, "us-east-1", "123456789012");
        gate.Deny("ec2:*");
        Assert.Null(gate.Decide(Ec2("Action=DescribeVpcs")));
    }
}
