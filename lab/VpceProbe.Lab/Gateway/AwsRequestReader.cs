using Microsoft.AspNetCore.Http;

namespace VpceProbe.Lab.Gateway;

/// <summary>Reads an incoming ASP.NET request into an <see cref="AwsRequest"/> (body buffered once).</summary>
internal static class AwsRequestReader
{
    public static async Task<AwsRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new AwsRequest(
            request.Method,
            request.Host.Value ?? string.Empty,
            request.PathBase + request.Path,
            request.QueryString.Value ?? string.Empty,
            headers,
            body.ToArray());
    }

    public static async Task WriteAsync(this AwsErrorResponse error, HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = error.StatusCode;
        response.ContentType = error.ContentType;
        await response.WriteAsync(error.Body, cancellationToken).ConfigureAwait(false);
    }
}
