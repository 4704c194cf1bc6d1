using System.Security;
using System.Text.Json;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// An error answer in the wire format of the calling protocol, so that SDKs parse the error code exactly as
/// they would from AWS: S3's bare &lt;Error&gt;, the query protocol's &lt;ErrorResponse&gt; (EC2 wraps it in
/// &lt;Response&gt;&lt;Errors&gt;), and JSON's "__type".
/// </summary>
internal sealed record AwsErrorResponse(int StatusCode, string ContentType, string Body)
{
    public static AwsErrorResponse Json(int statusCode, string code, string message) =>
        new(statusCode, "application/x-amz-json-1.1", JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["Message"] = message }));

    public static AwsErrorResponse S3(int statusCode, string code, string message) =>
        new(statusCode, "application/xml",
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{Escape(message)}</Message><RequestId>{RequestId()}</RequestId><HostId>{RequestId()}</HostId></Error>");

    public static AwsErrorResponse Ec2(int statusCode, string code, string message) =>
        new(statusCode, "text/xml;charset=UTF-8",
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>{Escape(message)}</Message></Error></Errors><RequestID>{RequestId()}</RequestID></Response>");

    public static AwsErrorResponse Query(int statusCode, string code, string message, bool senderFault) =>
        new(statusCode, "text/xml",
            $"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>{(senderFault ? "Sender" : "Receiver")}</Type><Code>{code}</Code><Message>{Escape(message)}</Message></Error><RequestId>{RequestId()}</RequestId></ErrorResponse>");

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string RequestId() => Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
}
