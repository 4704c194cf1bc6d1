using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Faults;

/// <summary>
/// The throttling and server errors each service really sends, so SDK retry logic classifies them as it
/// would against AWS: EC2 RequestLimitExceeded (503), S3 SlowDown (503), STS Throttling (400), JSON services
/// ThrottlingException (400); server faults InternalError / InternalFailure / InternalServerError (500).
/// </summary>
internal static class InjectedErrors
{
    public static AwsErrorResponse Throttling(AwsRequest request) => request.Protocol switch
    {
        AwsProtocol.Json => AwsErrorResponse.Json(400, "ThrottlingException", "Rate exceeded"),
        AwsProtocol.Query when Ec2Interceptor.IsEc2(request) => AwsErrorResponse.Ec2(503, "RequestLimitExceeded", "Request limit exceeded."),
        AwsProtocol.Query => AwsErrorResponse.Query(400, "Throttling", "Rate exceeded", senderFault: true),
        _ => AwsErrorResponse.S3(503, "SlowDown", "Please reduce your request rate."),
    };

    public static AwsErrorResponse ServerError(AwsRequest request) => request.Protocol switch
    {
        AwsProtocol.Json => AwsErrorResponse.Json(500, "InternalServerError", "An internal error occurred (injected by the lab)."),
        AwsProtocol.Query when Ec2Interceptor.IsEc2(request) => AwsErrorResponse.Ec2(500, "InternalError", "An internal error has occurred (injected by the lab)."),
        AwsProtocol.Query => AwsErrorResponse.Query(500, "InternalFailure", "An internal error occurred (injected by the lab).", senderFault: false),
        _ => AwsErrorResponse.S3(500, "InternalError", "We encountered an internal error. Please try again. (injected by the lab)"),
    };
}
