using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Sends an AWS request to moto exactly as it came (method, path, query, headers including Host and the
/// signature, body) and copies moto's answer back. moto reads the service from the signature and the Host
/// header, so keeping them unchanged is what makes one loopback port serve every service.
/// </summary>
/// <param name="answered">Called once moto has answered a call and before its caller sees the answer (the instance
/// directory drops what an EC2 or IAM change may have made stale).</param>
internal sealed class MotoForwarder(HttpClient http, Uri motoUrl, Action<AwsRequest>? answered = null)
{
    // Hop-by-hop headers and those HttpClient computes itself must not be copied.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Content-Length",
    };

    public Uri MotoUrl { get; } = motoUrl;

    public async Task<HttpResponseMessage> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(MotoUrl, request.Path + request.Query));
        message.Content = new ByteArrayContent(request.Body);
        foreach (var (name, value) in request.Headers)
        {
            if (Skipped.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (request.Body.Length == 0 && request.Method is "GET" or "HEAD" or "DELETE")
        {
            message.Content = null;
        }

        var answer = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        answered?.Invoke(request);
        return answer;
    }

    /// <summary>Forwards and streams moto's answer to <paramref name="response"/>.</summary>
    public async Task ForwardAsync(AwsRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await CopyAsync(answer, response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams moto's answer to <paramref name="response"/>.</summary>
    public static async Task CopyAsync(HttpResponseMessage answer, HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)answer.StatusCode;
        Copy(answer.Headers, response);
        Copy(answer.Content.Headers, response);
        // Kept as moto sent it: a HEAD answer (HeadObject) has no body but must still say the object's length.
        response.ContentLength = answer.Content.Headers.ContentLength;
        await answer.Content.CopyToAsync(response.Body, cancellationToken).ConfigureAwait(false);
    }

    private static void Copy(HttpHeaders headers, HttpResponse response)
    {
        foreach (var (name, values) in headers)
        {
            if (!Skipped.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }
    }
}
