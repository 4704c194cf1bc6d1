using System.Collections.Frozen;
using Amazon.Runtime;
using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Aws;

/// <summary>
/// The one classifier for failed AWS calls, shared by the s3, secret and sts probes. A service that answered
/// with an error code is access_denied, not_found, throttled or other; no answer at all goes through
/// <see cref="NetworkFailures"/> (timeout, refused, unreachable, tls); an empty credential chain is no_credentials.
/// </summary>
internal static class AwsErrors
{
    private static readonly FrozenSet<string> DeniedCodes = FrozenSet.Create(StringComparer.Ordinal,
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "AuthorizationError",
        "AllAccessDisabled");

    private static readonly FrozenSet<string> NotFoundCodes = FrozenSet.Create(StringComparer.Ordinal,
        "NoSuchBucket", "NoSuchKey", "NotFound", "ResourceNotFoundException");

    private static readonly FrozenSet<string> ThrottledCodes = FrozenSet.Create(StringComparer.Ordinal,
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "SlowDown",
        "TooManyRequestsException", "RequestLimitExceeded", "ProvisionedThroughputExceededException");

    // AWS's enhanced access-denied messages name the policy type that decided; these two name a VPC endpoint
    // policy (implicit and explicit deny), e.g. "... is not authorized to perform: s3:ListBucket on resource:
    // "arn:aws:s3:::b" because no VPC endpoint policy allows the s3:ListBucket action".
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
    private static readonly string[] EndpointPolicyPhrases = ["no VPC endpoint policy allows", "explicit deny in a VPC endpoint policy"];

    // The SDK's message when no provider in the default chain had credentials (AWSSDK.Core 4).
    private const string NoCredentialsMessage = "Failed to resolve AWS credentials";

    private const int MaxDetail = 400;

    public static ProbeAttempt Classify(Exception exception, ProbeContext context, Observation observed)
    {
        if (Find<AmazonServiceException>(exception) is { ErrorCode.Length: > 0 } answered)
        {
            return FromService(answered, observed);
        }

        if (NetworkFailures.TryClassify(exception, context, observed) is { } network)
        {
            return network;
        }

        if (Find<AmazonClientException>(exception) is { } client && client.Message.StartsWith(NoCredentialsMessage, StringComparison.Ordinal))
        {
            return ProbeAttempt.Failure(Outcome.Error, FailureKind.NoCredentials,
                "no AWS credentials: the default chain (environment, profiles, instance role) found none", observed);
        }

        return ProbeAttempt.Failure(Outcome.Error, FailureKind.Other, $"{exception.GetType().Name}: {OneLine(exception.Message)}", observed);
    }

    private static ProbeAttempt FromService(AmazonServiceException e, Observation observed)
    {
        var code = e.ErrorCode;
        var message = OneLine(e.Message);
        var seen = observed with { ErrorCode = code, RequestId = Blank(e.RequestId), StatusCode = (int)e.StatusCode };
        var detail = string.IsNullOrEmpty(message) ? code : $"{code}: {message}";
        if (DeniedCodes.Contains(code))
        {
            var policy = EndpointPolicyPhrases.Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase));
            return ProbeAttempt.Failure(Outcome.Denied, FailureKind.AccessDenied, detail, seen with { EndpointPolicy = policy });
        }

        var kind = NotFoundCodes.Contains(code) ? FailureKind.NotFound
            : ThrottledCodes.Contains(code) ? FailureKind.Throttled
            : FailureKind.Other;
        return ProbeAttempt.Failure(Outcome.Error, kind, detail, seen);
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string OneLine(string? text)
    {
        var line = (text ?? "").ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxDetail ? line : string.Concat(line.AsSpan(0, MaxDetail), "…");
    }
}
