using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using VpceProbe.Agent.Aws;
using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Aws;

public class AwsErrorsTests
{
    private static readonly ProbeContext Context = new()
    {
        Time = TimeProvider.System,
        Timeout = TimeSpan.FromSeconds(1),
        PrivateRanges = [],
        AttemptTimedOut = () => false,
    };

    private static ProbeAttempt Service(string code, string message = "m", HttpStatusCode status = HttpStatusCode.BadRequest) =>
        AwsErrors.Classify(new AmazonServiceException(message, null, ErrorType.Sender, code, "req-1", status), Context, new Observation());

    [Theory]
    [InlineData("AccessDenied", FailureKind.AccessDenied, Outcome.Denied)]
    [InlineData("AccessDeniedException", FailureKind.AccessDenied, Outcome.Denied)]
    [InlineData("UnauthorizedOperation", FailureKind.AccessDenied, Outcome.Denied)]
    [InlineData("NoSuchBucket", FailureKind.NotFound, Outcome.Error)]
    [InlineData("ResourceNotFoundException", FailureKind.NotFound, Outcome.Error)]
    [InlineData("Throttling", FailureKind.Throttled, Outcome.Error)]
    [InlineData("TooManyRequestsException", FailureKind.Throttled, Outcome.Error)]
    [InlineData("RequestLimitExceeded", FailureKind.Throttled, Outcome.Error)]
    [InlineData("SignatureDoesNotMatch", FailureKind.Other, Outcome.Error)]
    public void aws_error_codes_keep_their_kind(string code, FailureKind kind, Outcome outcome)
    {
        var attempt = Service(code);

        Assert.Equal(kind, attempt.FailureKind);
        Assert.Equal(outcome, attempt.Outcome);
        Assert.Equal(code, attempt.Observed!.ErrorCode);
        Assert.Equal("req-1", attempt.Observed.RequestId);
    }

    [Theory]
    [InlineData("User: arn:aws:sts::1:assumed-role/r/i is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\" because no VPC endpoint policy allows the s3:GetObject action", true)]
    [InlineData("User: arn:aws:iam::1:user/John is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:1:deploymentgroup:* with an explicit deny in a VPC endpoint policy", true)]
    [InlineData("User: arn:aws:iam::1:user/John is not authorized to perform: s3:GetObject because no identity-based policy allows the s3:GetObject action", false)]
    [InlineData("Access Denied", false)]
    public void access_denied_says_whether_a_vpc_endpoint_policy_decided(string message, bool endpointPolicy) =>
        Assert.Equal(endpointPolicy, Service("AccessDenied", message, HttpStatusCode.Forbidden).Observed!.EndpointPolicy);

    [Fact]
    public void an_empty_credential_chain_is_no_credentials() =>
        Assert.Equal(FailureKind.NoCredentials, AwsErrors.Classify(
            new AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors: ..."),
            Context, new Observation()).FailureKind);

    [Fact]
    public void a_refusal_wrapped_by_the_sdk_is_refused() =>
        Assert.Equal(FailureKind.Refused, AwsErrors.Classify(
            new AmazonServiceException("send failed", new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused))),
            Context, new Observation()).FailureKind);

    [Fact]
    public void anything_else_is_other_with_its_type_named()
    {
        var attempt = AwsErrors.Classify(new InvalidOperationException("boom"), Context, new Observation());

        Assert.Equal(FailureKind.Other, attempt.FailureKind);
        Assert.Equal(Outcome.Error, attempt.Outcome);
        Assert.StartsWith("InvalidOperationException", attempt.Detail, StringComparison.Ordinal);
    }
}
