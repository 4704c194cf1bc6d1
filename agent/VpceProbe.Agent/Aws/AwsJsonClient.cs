using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;

namespace VpceProbe.Agent.Aws;

/// <summary>
/// A signed AWS JSON 1.1 call: POST / with X-Amz-Target "Prefix.Operation". The HttpClient it is given signs
/// (SigV4SigningHandler). Errors become <see cref="AmazonServiceException"/> with the code and request id AWS
/// sent; the error text is AWS's "message" field, never the raw body.
/// </summary>
internal sealed class AwsJsonClient(HttpClient http, Uri endpoint, string targetPrefix)
{
    private static readonly MediaTypeHeaderValue AmzJson11 = new("application/x-amz-json-1.1");

    /// <summary>Returns the body of a 2xx answer; the caller owns it (and clears it when it holds a secret).</summary>
    public async Task<byte[]> CallAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = AmzJson11;
        request.Headers.Add("X-Amz-Target", $"{targetPrefix}.{operation}");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return bytes;
        }

        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        var (code, message) = ReadError(bytes);
        code ??= response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? Shorten(types.FirstOrDefault()) : null;
        code ??= $"Http{(int)response.StatusCode}";
        message ??= $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        var type = (int)response.StatusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        throw new AmazonServiceException(message, null, type, code, requestId, response.StatusCode);
    }

    // {"__type":"com.amazonaws.secretsmanager#AccessDeniedException","Message":"..."}; "message" in some services.
    private static (string? Code, string? Message) ReadError(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? code = null, message = null;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (p.NameEquals("__type"))
                {
                    code = Shorten(p.Value.GetString());
                }
                else if (p.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                {
                    message = p.Value.GetString();
                }
            }

            return (code, message);
        }
        catch (JsonException)
        {
            // Not AWS's JSON (a proxy's HTML page, say): fall back to the status line.
            return (null, null);
        }
    }

    // "com.amazonaws.secretsmanager#ResourceNotFoundException" and "AccessDeniedException:http://..." → the bare code.
    private static string? Shorten(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var start = type.LastIndexOf('#') + 1;
        var end = type.IndexOf(':', start);
        return (end < 0 ? type[start..] : type[start..end]).Trim();
    }
}
