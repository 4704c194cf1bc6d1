using System.Text.Json;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Policies;

/// <summary>
/// Calls of the JSON and query protocols (Secrets Manager, STS, SSM): the action is "service:Operation".
/// Secrets Manager authorizes against the secret's ARN, so a SecretId given by name is resolved first
/// (the caller passes how); everything else here is authorized on "*".
/// </summary>
internal static class JsonCallMapper
{
    public static async Task<ServiceCall> MapAsync(
        AwsRequest request, string service, Func<string, CancellationToken, Task<string>> secretArnOf, CancellationToken cancellationToken)
    {
        var action = $"{service}:{request.Operation}";
        if (service != "secretsmanager" || request.Protocol != AwsProtocol.Json)
        {
            return new ServiceCall(action, "*");
        }

        var secretId = SecretId(request.Body);
        if (secretId is null)
        {
            return new ServiceCall(action, "*");
        }

        var arn = secretId.StartsWith("arn:", StringComparison.Ordinal) ? secretId : await secretArnOf(secretId, cancellationToken).ConfigureAwait(false);
        return new ServiceCall(action, arn);
    }

    private static string? SecretId(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("SecretId", out var id) ? id.GetString() : null;
    }
}
