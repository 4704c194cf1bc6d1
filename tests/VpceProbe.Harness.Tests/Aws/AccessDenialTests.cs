using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Run;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Tests.Aws;

public class AccessDenialTests
{
    private const string Ec2Message =
        "You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/ops/me is not authorized to perform: "
        + "ec2:CreateVpcEndpoint on resource: arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/* because no identity-based policy allows the "
        + "ec2:CreateVpcEndpoint action. Encoded authorization failure message: AbC-12_x/+=";

    private static AmazonEC2Exception Ec2(string code, string message) => new(message, ErrorType.Sender, code, "req", System.Net.HttpStatusCode.Forbidden);

    [Fact]
    public void an_unauthorized_operation_names_action_resource_policy_file_and_how_to_decode_the_message()
    {
        var text = AccessDenial.From(Ec2("UnauthorizedOperation", Ec2Message))!.Explain();
        Assert.Equal(
            "AWS refused ec2:CreateVpcEndpoint on arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/* (UnauthorizedOperation): iam/run.json grants it; "
            + "attach it to the credentials' role or user (README \"Permissions\"); AWS encoded why: aws sts decode-authorization-message "
            + "--encoded-message AbC-12_x/+= --query DecodedMessage --output text",
            text);
    }

    [Fact]
    public void a_denial_without_names_uses_the_callers_action_and_its_file()
    {
        var e = new AmazonSimpleSystemsManagementException("User is not authorized", ErrorType.Sender, "AccessDeniedException", "req", System.Net.HttpStatusCode.BadRequest);
        Assert.Equal(
            "AWS refused ssm:SendCommand (AccessDeniedException): iam/run.json grants it; attach it to the credentials' role or user (README \"Permissions\")",
            AccessDenial.Describe(e, "ssm:SendCommand"));
    }

    [Fact]
    public void read_only_actions_point_at_the_read_only_file_and_other_errors_are_not_denials()
    {
        Assert.Contains("iam/read-only.json grants it", AccessDenial.From(Ec2("UnauthorizedOperation", "x"), "ec2:DescribeVpcs")!.Explain(), StringComparison.Ordinal);
        Assert.Null(AccessDenial.From(Ec2("InvalidVpcID.NotFound", "no such vpc")));
        Assert.Equal("InvalidVpcID.NotFound: no such vpc", AccessDenial.Describe(Ec2("InvalidVpcID.NotFound", "no such vpc")));
    }

    [Fact]
    public void a_run_stopped_by_a_denial_has_the_failure_kind_access_denied()
    {
        var error = RunErrors.From(Ec2("UnauthorizedOperation", Ec2Message), cancelled: false);
        Assert.Equal(RunErrorKind.AccessDenied, error.Kind);
        Assert.Contains("iam/run.json grants it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_s3_refusal_names_the_file_whose_resources_cover_the_object_not_just_the_action()
    {
        static Amazon.S3.AmazonS3Exception S3(string key) => new(
            $"User: arn:aws:sts::123456789012:assumed-role/ops/me is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::my-bucket/{key}\" because no identity-based policy allows the s3:GetObject action",
            ErrorType.Sender, "AccessDenied", "req", System.Net.HttpStatusCode.Forbidden);
        Assert.Contains("iam/output-bucket.json grants it", AccessDenial.Describe(S3("vpceprobe/ssm-output/c/i-1/awsrunShellScript/0.awsrunShellScript/stdout")), StringComparison.Ordinal);
        Assert.Contains("iam/agent-deploy.json grants it", AccessDenial.Describe(S3("vpceprobe/agent/abc/vpceprobe-agent")), StringComparison.Ordinal);
    }

    [Fact]
    public void send_command_refused_on_the_output_bucket_names_output_bucket_json_and_on_the_document_run_json()
    {
        static AmazonSimpleSystemsManagementException Ssm(string resource) => new(
            $"User: arn:aws:sts::123456789012:assumed-role/ops/me is not authorized to perform: ssm:SendCommand on resource: {resource} because no identity-based policy allows the ssm:SendCommand action",
            ErrorType.Sender, "AccessDeniedException", "req", System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("iam/output-bucket.json grants it", AccessDenial.Describe(Ssm("arn:aws:s3:::my-output")), StringComparison.Ordinal);
        Assert.Contains("iam/run.json grants it", AccessDenial.Describe(Ssm("arn:aws:ssm:us-east-1::document/AWS-RunShellScript")), StringComparison.Ordinal);
    }
}
