using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Policies;

namespace VpceProbe.Lab.Tests.Policies;

public class S3CallMapperTests
{
    private static AwsRequest Request(string method, string host, string path, string query = "") =>
        new(method, host, path, query, new Dictionary<string, string>(), []);

    [Theory]
    [InlineData("GET", "s3.us-east-1.amazonaws.com", "/", "", "s3:ListAllMyBuckets", "*")]
    [InlineData("GET", "s3.us-east-1.amazonaws.com", "/twtech-secure-bucket", "?list-type=2", "s3:ListBucket", "arn:aws:s3:::twtech-secure-bucket")]
    [InlineData("GET", "twtech-secure-bucket.s3.us-east-1.amazonaws.com", "/", "?list-type=2&prefix=a", "s3:ListBucket", "arn:aws:s3:::twtech-secure-bucket")]
    [InlineData("GET", "s3.us-east-1.amazonaws.com", "/b/dir/key.txt", "", "s3:GetObject", "arn:aws:s3:::b/dir/key.txt")]
    [InlineData("HEAD", "b.s3.us-east-1.amazonaws.com", "/key", "", "s3:GetObject", "arn:aws:s3:::b/key")]
    [InlineData("PUT", "127.0.0.1:4566", "/b/my%20key", "", "s3:PutObject", "arn:aws:s3:::b/my key")]
    [InlineData("GET", "s3.us-east-1.amazonaws.com", "/b", "?location", "s3:GetBucketLocation", "arn:aws:s3:::b")]
    public void s3_requests_map_to_the_action_and_resource_aws_authorizes(string method, string host, string path, string query, string action, string resource)
    {
        var call = S3CallMapper.Map(Request(method, host, path, query));
        Assert.Equal(new ServiceCall(action, resource), call);
    }

    [Theory]
    [InlineData("GET", "/", "", "ListBuckets")]
    [InlineData("GET", "/b", "?list-type=2", "ListObjectsV2")]
    [InlineData("GET", "/b/k", "", "GetObject")]
    [InlineData("PUT", "/b/k", "", "PutObject")]
    public void s3_operation_names_match_the_sdk(string method, string path, string query, string operation)
    {
        Assert.Equal(operation, Request(method, "127.0.0.1:4566", path, query).Operation);
    }
}
