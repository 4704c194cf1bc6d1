using System.Collections.Concurrent;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Who signed a request, for the "User: ARN" of an AccessDenied. Role credentials the lab's IMDS hands out are
/// remembered as the assumed-role session AWS would name (arn:aws:sts::ACCOUNT:assumed-role/ROLE/INSTANCE);
/// any other key is moto's default user, as moto's own GetCallerIdentity reports it.
/// </summary>
internal sealed class CallerIdentities(string accountId)
{
    private readonly ConcurrentDictionary<string, string> _byAccessKey = new(StringComparer.Ordinal);

    public void Issued(string accessKeyId, string roleName, string instanceId) =>
        _byAccessKey[accessKeyId] = $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{instanceId}";

    /// <summary>The role session ARN of keys the lab's IMDS issued, else null.</summary>
    public string? RoleSessionArn(string? accessKeyId) =>
        accessKeyId is not null && _byAccessKey.TryGetValue(accessKeyId, out var arn) ? arn : null;

    public string CallerArn(AwsRequest request) =>
        request.AccessKeyId is { } key && _byAccessKey.TryGetValue(key, out var arn) ? arn : $"arn:aws:sts::{accountId}:user/moto";
}
