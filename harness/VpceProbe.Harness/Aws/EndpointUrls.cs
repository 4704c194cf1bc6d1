using VpceProbe.Contract;

namespace VpceProbe.Harness.Aws;

/// <summary>The shape of an AWS endpoint URL a user gives (--endpoint-url) or a journal carries: absolute http(s) with a host.</summary>
internal static class EndpointUrls
{
    /// <summary>Null when <paramref name="url"/> is an absolute http(s) URL; otherwise what is wrong with it.</summary>
    public static string? Problem(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? null
            : $"{Printable.Quote(url)} is not an http(s) URL such as http://127.0.0.1:4566";
}
