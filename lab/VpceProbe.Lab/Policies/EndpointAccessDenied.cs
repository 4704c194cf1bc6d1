using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Policies;

/// <summary>
/// The answer AWS gives when a VPC endpoint policy refuses a request. Wording from the S3 guide
/// "Troubleshoot access denied (403 Forbidden) errors", sections "Access denied due to a VPC endpoint policy":
/// implicit: "User: ARN is not authorized to perform: s3:GetObject on resource: "ARN" because no VPC endpoint
/// policy allows the s3:GetObject action"; explicit: "... with an explicit deny in a VPC endpoint policy".
/// S3 answers 403 with XML code AccessDenied; JSON services (Secrets Manager, SSM) answer 400 with
/// AccessDeniedException; the query protocol (STS) 403 AccessDenied.
/// </summary>
internal static class EndpointAccessDenied
{
    public static string Message(string callerArn, ServiceCall call, PolicyDecision decision)
    {
        var resource = call.Resource == "*" ? string.Empty : call.Action.StartsWith("s3:", StringComparison.Ordinal)
            ? $" on resource: \"{call.Resource}\""
            : $" on resource: {call.Resource}";
        var reason = decision == PolicyDecision.ExplicitDeny
            ? "with an explicit deny in a VPC endpoint policy"
            : $"because no VPC endpoint policy allows the {call.Action} action";
        return $"User: {callerArn} is not authorized to perform: {call.Action}{resource} {reason}";
    }

    public static AwsErrorResponse Response(AwsRequest request, string callerArn, ServiceCall call, PolicyDecision decision)
    {
        var message = Message(callerArn, call, decision);
        return request.Protocol switch
        {
            AwsProtocol.Json => AwsErrorResponse.Json(400, "AccessDeniedException", message),
            AwsProtocol.Query => AwsErrorResponse.Query(403, "AccessDenied", message, senderFault: true),
            _ => AwsErrorResponse.S3(403, "AccessDenied", message),
        };
    }
}
