using System.Text;
using VpceProbe.Lab.Gateway;
using VpceProbe.Contract.Aws;
using VpceProbe.Lab.Tests.RealLab;

namespace VpceProbe.Lab.Tests.Gateway;

/// <summary>
/// The gate with the repository's iam/ files in force (placeholders filled in) refuses what the files' resource
/// ARNs and condition keys do not allow: another VPC, an untagged endpoint, another document, another bucket or
/// prefix, another tag key on the VPC. A policy scoped wrongly therefore fails here and in the lab tests.
/// </summary>
public class PermissionGateScopingTests
{
    private const string Account = "123456789012";
    private const string Auth = "AWS4-HMAC-SHA256 Credential=testing/20261130/us-east-1/{0}/aws4_request, SignedHeaders=host, Signature=00";
    private static readonly IamScope Scope = new("us-east-1", Account, "vpc-1", "staging", "output");

    private static PermissionGate Gate(params string[] files)
    {
        var gate = new PermissionGate(new CallerIdentities(Account), "us-east-1", Account);
        var documents = files.Select(f => IamPolicyFiles.Scoped(f, Scope)).ToList();
        gate.Load(IdentityPolicyActions.Read(documents), IdentityPolicy.Read(documents));
        return gate;
    }

    private static AwsRequest Ec2(string body) => new("POST", "127.0.0.1:4566", "/", "",
        new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8", ["Authorization"] = string.Format(null, Auth, "ec2") },
        Encoding.UTF8.GetBytes(body));

    private static AwsRequest SendCommand(string json) => new("POST", "127.0.0.1:4566", "/", "",
        new Dictionary<string, string> { ["X-Amz-Target"] = "AmazonSSM.SendCommand", ["Authorization"] = string.Format(null, Auth, "ssm") }, Encoding.UTF8.GetBytes(json));

    private static AwsRequest S3(string method, string path) => new(method, "127.0.0.1:4566", path, "",
        new Dictionary<string, string> { ["Authorization"] = string.Format(null, Auth, "s3") }, []);

    private static string Refused(AwsErrorResponse? answer)
    {
        Assert.NotNull(answer);
        Assert.True(answer.StatusCode is 400 or 403, answer.Body);
        return answer.Body;
    }

    [Fact]
    public void an_endpoint_is_created_only_in_the_policys_vpc_and_only_with_the_run_tag()
    {
        var gate = Gate(IamPolicyFiles.Run);
        const string Tagged = "&TagSpecification.1.ResourceType=vpc-endpoint&TagSpecification.1.Tag.1.Key=vpceprobe%3Arun-id&TagSpecification.1.Tag.1.Value=r1";
        Assert.Null(gate.Decide(Ec2("Action=CreateVpcEndpoint&VpcId=vpc-1&ServiceName=s3&RouteTableId.1=rtb-1" + Tagged)));
        Assert.Contains("on resource: arn:aws:ec2:us-east-1:123456789012:vpc/vpc-2", Refused(gate.Decide(Ec2("Action=CreateVpcEndpoint&VpcId=vpc-2&ServiceName=s3" + Tagged))), StringComparison.Ordinal);
        Assert.Contains("on resource: arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/*", Refused(gate.Decide(Ec2("Action=CreateVpcEndpoint&VpcId=vpc-1&ServiceName=s3"))), StringComparison.Ordinal);
    }

    [Fact]
    public void the_lease_tag_is_the_only_tag_the_run_may_put_on_the_vpc_and_only_on_its_vpc()
    {
        var gate = Gate(IamPolicyFiles.Run);
        Assert.Null(gate.Decide(Ec2("Action=CreateTags&ResourceId.1=vpc-1&Tag.1.Key=vpceprobe%3Arun&Tag.1.Value=x")));
        Refused(gate.Decide(Ec2("Action=CreateTags&ResourceId.1=vpc-1&Tag.1.Key=Name&Tag.1.Value=x")));
        Refused(gate.Decide(Ec2("Action=CreateTags&ResourceId.1=vpc-2&Tag.1.Key=vpceprobe%3Arun&Tag.1.Value=x")));
    }

    [Fact]
    public void send_command_is_allowed_with_aws_run_shell_script_only_and_names_the_output_bucket_only_with_output_bucket_json()
    {
        const string Run = """{"DocumentName":"AWS-RunShellScript","InstanceIds":["i-1"],"Parameters":{"commands":["true"]}""";
        Assert.Null(Gate(IamPolicyFiles.Run).Decide(SendCommand(Run + "}")));
        Assert.Contains("document/AWS-RunPowerShellScript", Refused(Gate(IamPolicyFiles.Run).Decide(SendCommand(Run.Replace("RunShellScript", "RunPowerShellScript", StringComparison.Ordinal) + "}"))), StringComparison.Ordinal);
        var withBucket = Run + ""","OutputS3BucketName":"output"}""";
        Assert.Contains("on resource: arn:aws:s3:::output", Refused(Gate(IamPolicyFiles.Run).Decide(SendCommand(withBucket))), StringComparison.Ordinal);
        Assert.Null(Gate(IamPolicyFiles.Run, IamPolicyFiles.OutputBucket).Decide(SendCommand(withBucket)));
    }

    [Fact]
    public void s3_reads_and_writes_stay_in_their_bucket_and_prefix()
    {
        var gate = Gate(IamPolicyFiles.AgentDeploy, IamPolicyFiles.OutputBucket);
        Assert.Null(gate.Decide(S3("PUT", "/staging/vpceprobe/agent/abc/vpceprobe-agent")));
        Assert.Null(gate.Decide(S3("GET", "/output/vpceprobe/ssm-output/c/i-1/awsrunShellScript/0.awsrunShellScript/stdout")));
        Refused(gate.Decide(S3("PUT", "/staging/elsewhere/x")));
        Refused(gate.Decide(S3("PUT", "/output/vpceprobe/agent/abc/vpceprobe-agent")));
        Refused(gate.Decide(S3("GET", "/other/vpceprobe/ssm-output/x")));
    }

    [Fact]
    public void describe_calls_need_a_statement_on_star_as_aws_requires()
    {
        Assert.Null(Gate(IamPolicyFiles.ReadOnly).Decide(Ec2("Action=DescribeVpcs")));
        Assert.Null(Gate(IamPolicyFiles.ReadOnly).Decide(Ec2("Action=GetManagedPrefixListEntries&PrefixListId=pl-1")));
        Refused(Gate(IamPolicyFiles.Run).Decide(Ec2("Action=DescribeVpcs")));
    }
}
