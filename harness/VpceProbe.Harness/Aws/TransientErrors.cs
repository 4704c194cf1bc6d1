using System.Net;
using Amazon.Runtime;

namespace VpceProbe.Harness.Aws;

/// <summary>
/// The errors worth trying again: throttling, a 5xx and a connection that failed. The same set the SDKs'
/// standard retry mode retries (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html);
/// used where the harness retries beyond the SDK's attempts (undo, which must not give up early).
/// </summary>
internal static class TransientErrors
{
    /// <summary>The throttling codes of the services the harness calls (EC2, S3, SSM and the JSON services).</summary>
    public static readonly IReadOnlySet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "RequestThrottled", "SlowDown", "BandwidthLimitExceeded", "EC2ThrottledException",
        "PriorRequestNotComplete", "LimitExceededException",
    };

    public static bool IsTransient(Exception e) => e switch
    {
        AmazonServiceException s => IsThrottling(s) || (int)s.StatusCode >= 500 || s.InnerException is HttpRequestException or IOException,
        AmazonClientException or HttpRequestException or IOException => true,

        // An answer whose body the SDK could not read (an empty 503 from a proxy or load balancer that is going away):
        // no more an answer than a dropped connection. A CI rehearsal's rollback gave up on it at once.
        System.Xml.XmlException => true,
        _ => false,
    };

    public static bool IsThrottling(AmazonServiceException e) =>
        (e.ErrorCode is not null && ThrottlingCodes.Contains(e.ErrorCode)) || e.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>A connection that failed (no answer from AWS at all), as opposed to an answer we did not like.</summary>
    public static bool IsConnection(Exception e) =>
        e is HttpRequestException or IOException || (e is AmazonClientException && e is not AmazonServiceException) || e.InnerException is HttpRequestException or IOException;
}
