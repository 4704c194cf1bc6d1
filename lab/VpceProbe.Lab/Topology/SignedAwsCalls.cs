using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// Signature V4-signed calls for the services whose .NET SDK packages are not served here: IAM (query protocol,
/// XML answers) and Secrets Manager (JSON 1.1). Only the lab's endpoint is ever called, with the lab's fake
/// credentials; the requests are the ones the SDKs send, so the gateway treats them like any other.
/// </summary>
internal sealed class SignedAwsCalls(HttpClient http, Uri endpoint, string region, TimeProvider time)
{
    private const string AccessKey = "testing";
    private const string SecretKey = "testing";

    /// <summary>A query-protocol action (IAM is global: it signs for us-east-1).</summary>
    public async Task<XElement> QueryAsync(string service, string action, string version, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var form = string.Join('&', parameters.Prepend(new("Version", version)).Prepend(new("Action", action))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var body = await SendAsync(service, service == "iam" ? "us-east-1" : region, form, "application/x-www-form-urlencoded; charset=utf-8", null, ct).ConfigureAwait(false);
        return XElement.Parse(body);
    }

    public async Task<JsonElement> JsonAsync(string service, string target, object request, CancellationToken ct)
    {
        var body = await SendAsync(service, region, JsonSerializer.Serialize(request), "application/x-amz-json-1.1", target, ct).ConfigureAwait(false);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> SendAsync(string service, string signingRegion, string payload, string contentType, string? target, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host, ["x-amz-date"] = amzDate, ["content-type"] = contentType };
        if (target is not null)
        {
            headers["x-amz-target"] = target;
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = $"POST\n/\n\n{string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n"))}\n{signedHeaders}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))}";
        var scope = $"{date}/{signingRegion}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = new[] { date, signingRegion, service, "aws4_request" }.Aggregate(Encoding.UTF8.GetBytes("AWS4" + SecretKey), (k, part) => HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(part)));
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(payload, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? body
            : throw new HttpRequestException($"{service} {target ?? payload.Split('&')[0]} failed: {(int)response.StatusCode} {body}");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
