using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The instance metadata service as an instance with IMDSv2 required sees it: a session token from
/// PUT /latest/api/token, then instance-id, placement and the instance profile's role credentials, so the
/// SDK's default credential chain works unchanged inside the lab. Credentials are fake (moto accepts any key)
/// and remembered in <see cref="CallerIdentities"/> so AccessDenied messages name the role session.
/// </summary>
internal sealed class ImdsResponder(InstanceDirectory instances, CallerIdentities callers, TimeProvider time, string region, string accountId)
{
    private static readonly TimeSpan CredentialLifetime = TimeSpan.FromHours(6);
    private readonly ConcurrentDictionary<string, (string InstanceId, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext http, string? instanceId)
    {
        var request = http.Request;
        var ct = http.RequestAborted;
        if (instanceId is null)
        {
            await Answer(http, 404, "text/plain", "Not Found").ConfigureAwait(false);
            return;
        }

        if (request.Method == "PUT" && request.Path == "/latest/api/token")
        {
            await IssueTokenAsync(http, instanceId).ConfigureAwait(false);
            return;
        }

        // IMDSv2 required (the default of current AMIs): no valid token, 401.
        var token = request.Headers["X-aws-ec2-metadata-token"].ToString();
        if (!_tokens.TryGetValue(token, out var session) || session.InstanceId != instanceId || session.Expires < time.GetUtcNow())
        {
            await Answer(http, 401, "text/plain", "Unauthorized").ConfigureAwait(false);
            return;
        }

        var (status, type, body) = await MetadataAsync(request.Path.Value ?? "/", instanceId, ct).ConfigureAwait(false);
        await Answer(http, status, type, body).ConfigureAwait(false);
    }

    private async Task IssueTokenAsync(HttpContext http, string instanceId)
    {
        if (!int.TryParse(http.Request.Headers["X-aws-ec2-metadata-token-ttl-seconds"], CultureInfo.InvariantCulture, out var ttl) || ttl is < 1 or > 21600)
        {
            await Answer(http, 400, "text/plain", "Bad Request").ConfigureAwait(false);
            return;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(42));
        _tokens[token] = (instanceId, time.GetUtcNow().AddSeconds(ttl));
        http.Response.Headers["X-aws-ec2-metadata-token-ttl-seconds"] = ttl.ToString(CultureInfo.InvariantCulture);
        await Answer(http, 200, "text/plain", token).ConfigureAwait(false);
    }

    private async Task<(int Status, string Type, string Body)> MetadataAsync(string path, string instanceId, CancellationToken ct)
    {
        const string Roles = "/latest/meta-data/iam/security-credentials/";
        // The .NET SDK lists roles without the trailing slash; IMDS answers both forms.
        path = path == Roles.TrimEnd('/') ? Roles : path;
        switch (path)
        {
            case "/latest/meta-data/instance-id":
                return (200, "text/plain", instanceId);
            case "/latest/meta-data/placement/region":
                return (200, "text/plain", region);
            case "/latest/meta-data/placement/availability-zone":
                return (200, "text/plain", region + "a");
            case "/latest/dynamic/instance-identity/document":
                return (200, "application/json", JsonSerializer.Serialize(new { accountId, instanceId, region, availabilityZone = region + "a" }));
        }

        if (!path.StartsWith(Roles, StringComparison.Ordinal))
        {
            return (404, "text/plain", "Not Found");
        }

        var instance = await instances.FindAsync(instanceId, ct).ConfigureAwait(false);
        var role = instance is null ? null : await instances.RoleNameAsync(instance, ct).ConfigureAwait(false);
        var asked = path[Roles.Length..];
        if (role is null || (asked.Length > 0 && asked != role))
        {
            return (404, "text/plain", "Not Found");
        }

        return asked.Length == 0 ? (200, "text/plain", role) : (200, "application/json", Credentials(role, instanceId));
    }

    private string Credentials(string role, string instanceId)
    {
        var accessKey = "ASIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        callers.Issued(accessKey, role, instanceId);
        var now = time.GetUtcNow();
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Code"] = "Success",
            ["LastUpdated"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["Type"] = "AWS-HMAC",
            ["AccessKeyId"] = accessKey,
            ["SecretAccessKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
            ["Token"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            ["Expiration"] = now.Add(CredentialLifetime).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
    }

    private static async Task Answer(HttpContext http, int status, string type, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = type;
        await http.Response.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
