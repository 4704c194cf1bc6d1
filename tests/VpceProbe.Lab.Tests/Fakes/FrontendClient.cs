using System.Net;
using System.Text;

namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>
/// Sends requests to a fake frontend on loopback as an instance would send them to a real service name:
/// TLS, the real Host header, a SigV4-shaped Authorization header naming the service (moto reads only that).
/// </summary>
internal sealed class FrontendClient(int port, bool tls) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    }) { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string host, string pathAndQuery, string service, string? accessKey = null, string? target = null, string? body = null,
        IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}{pathAndQuery}"));
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential={accessKey ?? "testing"}/20250101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, target is null ? "application/x-www-form-urlencoded" : "application/x-amz-json-1.1");
        }

        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static int PortOf(VpceProbe.Lab.DataPlane.ServiceFrontend frontend) => ((IPEndPoint)frontend.Listener.LocalEndPoint!).Port;

    public void Dispose() => _http.Dispose();
}
