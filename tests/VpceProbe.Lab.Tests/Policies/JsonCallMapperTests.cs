using System.Text;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Policies;

namespace VpceProbe.Lab.Tests.Policies;

public class JsonCallMapperTests
{
    private const string SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:twtech-db-AbCdEf";

    private static AwsRequest Json(string target, string body) =>
        new("POST", "secretsmanager.us-east-1.amazonaws.com", "/", "",
            new Dictionary<string, string> { ["X-Amz-Target"] = target, ["Content-Type"] = "application/x-amz-json-1.1" },
            Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task get_secret_value_by_name_is_authorized_on_the_secret_arn()
    {
        var call = await JsonCallMapper.MapAsync(
            Json("secretsmanager.GetSecretValue", """{"SecretId":"twtech-db"}"""), "secretsmanager",
            (name, _) => Task.FromResult(name == "twtech-db" ? SecretArn : "unexpected"), TestContext.Current.CancellationToken);
        Assert.Equal(new ServiceCall("secretsmanager:GetSecretValue", SecretArn), call);
    }

    [Fact]
    public async Task sts_get_caller_identity_is_authorized_on_everything()
    {
        var request = new AwsRequest("POST", "sts.us-east-1.amazonaws.com", "/", "",
            new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8" },
            Encoding.UTF8.GetBytes("Action=GetCallerIdentity&Version=2011-06-15"));
        var call = await JsonCallMapper.MapAsync(request, "sts", (_, _) => Task.FromResult("unused"), TestContext.Current.CancellationToken);
        Assert.Equal(new ServiceCall("sts:GetCallerIdentity", "*"), call);
    }
}
