using System.Text;
using System.Web;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// An AWS API request as the gateway sees it, read once from the wire so that policies, faults and emulators
/// can inspect it without touching ASP.NET types, and the forwarder can still send the body on unchanged.
/// </summary>
internal sealed record AwsRequest(string Method, string Host, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The service from the signature's credential scope (".../us-east-1/ssm/aws4_request"), e.g. "s3", "ssm", "ec2".</summary>
    public string? SigningService => CredentialScope(3);

    /// <summary>The access key id that signed the request.</summary>
    public string? AccessKeyId => CredentialScope(0);

    /// <summary>"AmazonSSM.SendCommand" style target of JSON protocols, or null.</summary>
    public string? Target => Header("X-Amz-Target");

    public AwsProtocol Protocol =>
        Target is not null ? AwsProtocol.Json
        : IsForm ? AwsProtocol.Query
        : AwsProtocol.RestXml;

    /// <summary>The operation name: the part after the dot of X-Amz-Target, the query protocol's Action, or an S3 verb.</summary>
    public string Operation => Protocol switch
    {
        AwsProtocol.Json => Target![(Target!.IndexOf('.', StringComparison.Ordinal) + 1)..],
        AwsProtocol.Query => FormValue("Action") ?? "Unknown",
        _ => S3OperationNames.Of(this),
    };

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>A field of a query-protocol request (form body, or the URL query for GET).</summary>
    public string? FormValue(string name) => Form[name];

    public System.Collections.Specialized.NameValueCollection Form =>
        HttpUtility.ParseQueryString(IsForm ? Encoding.UTF8.GetString(Body) : Query.TrimStart('?'));

    public System.Collections.Specialized.NameValueCollection QueryValues => HttpUtility.ParseQueryString(Query.TrimStart('?'));

    private bool IsForm =>
        (Header("Content-Type") ?? string.Empty).StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        || (Method == "GET" && HttpUtility.ParseQueryString(Query.TrimStart('?'))["Action"] is not null);

    // Authorization: AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/ssm/aws4_request, SignedHeaders=..., Signature=...
    private string? CredentialScope(int index)
    {
        var auth = Header("Authorization");
        var start = auth?.IndexOf("Credential=", StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var end = auth!.IndexOf(',', start);
        var parts = auth[(start + "Credential=".Length)..(end < 0 ? auth.Length : end)].Split('/');
        return index < parts.Length ? parts[index] : null;
    }
}

/// <summary>The three wire protocols the lab meets: S3's REST-XML, JSON 1.1 (SSM, Secrets Manager), query (EC2, STS).</summary>
internal enum AwsProtocol
{
    RestXml,
    Json,
    Query,
}
