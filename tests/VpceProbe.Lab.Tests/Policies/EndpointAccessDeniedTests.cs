using System.Text.Json;
using System.Xml.Linq;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Policies;

namespace VpceProbe.Lab.Tests.Policies;

public class EndpointAccessDeniedTests
{
    private const string Caller = "arn:aws:sts::123456789012:assumed-role/twtech-ssm-role/i-0123456789abcdef0";

    private static AwsRequest Request(Dictionary<string, string> headers) => new("GET", "s3.us-east-1.amazonaws.com", "/b/k", "", headers, []);

    [Fact]
    public void s3_implicit_deny_is_403_access_denied_naming_the_vpc_endpoint_policy()
    {
        var call = new ServiceCall("s3:GetObject", "arn:aws:s3:::other-bucket/a.txt");
        var response = EndpointAccessDenied.Response(Request([]), Caller, call, PolicyDecision.ImplicitDeny);

        Assert.Equal(403, response.StatusCode);
        var error = XDocument.Parse(response.Body).Root!;
        Assert.Equal("AccessDenied", error.Element("Code")!.Value);
        Assert.Equal(
            $"User: {Caller} is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::other-bucket/a.txt\" because no VPC endpoint policy allows the s3:GetObject action",
            error.Element("Message")!.Value);
    }

    [Fact]
    public void s3_explicit_deny_says_explicit_deny_in_a_vpc_endpoint_policy()
    {
        var call = new ServiceCall("s3:PutObject", "arn:aws:s3:::b/k");
        var message = EndpointAccessDenied.Message(Caller, call, PolicyDecision.ExplicitDeny);
        Assert.EndsWith("s3:PutObject on resource: \"arn:aws:s3:::b/k\" with an explicit deny in a VPC endpoint policy", message);
    }

    [Fact]
    public void secrets_manager_deny_is_json_access_denied_exception()
    {
        var request = Request(new() { ["X-Amz-Target"] = "secretsmanager.GetSecretValue" });
        var call = new ServiceCall("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf");
        var response = EndpointAccessDenied.Response(request, Caller, call, PolicyDecision.ImplicitDeny);

        Assert.Equal(400, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("AccessDeniedException", body.RootElement.GetProperty("__type").GetString());
        Assert.EndsWith("because no VPC endpoint policy allows the secretsmanager:GetSecretValue action", body.RootElement.GetProperty("Message").GetString());
    }
}
