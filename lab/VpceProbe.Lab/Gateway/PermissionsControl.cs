using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The control routes of the action log and the permission gate: GET and DELETE /_lab/actions (what was called,
/// by whom; emptied); GET, PUT and DELETE /_lab/permissions (PUT takes {"policies": [IAM policy documents]});
/// POST /_lab/permissions/deny/ACTION (refuse one action, e.g. ec2:CreateVpcEndpoint).
/// </summary>
internal sealed class PermissionsControl(ActionLog actions, PermissionGate gate)
{
    private const string DenyPrefix = "/_lab/permissions/deny/";

    /// <summary>True when the request was one of these routes and has been answered.</summary>
    public async Task<bool> TryHandleAsync(HttpContext http, string path, string method)
    {
        switch (path)
        {
            case "/_lab/actions" when method == "GET":
                await ControlApi.WriteAsync(http, 200, actions.Snapshot()).ConfigureAwait(false);
                return true;
            case "/_lab/actions" when method == "DELETE":
                actions.Clear();
                await ControlApi.WriteAsync(http, 200, Array.Empty<RecordedAction>()).ConfigureAwait(false);
                return true;
            case "/_lab/permissions" when method == "GET":
                await WriteSettingsAsync(http).ConfigureAwait(false);
                return true;
            case "/_lab/permissions" when method == "PUT":
                if (await ReadPoliciesAsync(http).ConfigureAwait(false) is not ({ } policies, { } policy))
                {
                    await ControlApi.WriteAsync(http, 400, new { Error = "expected {\"policies\": [IAM policy documents, each with a Statement]}" }).ConfigureAwait(false);
                    return true;
                }

                gate.Load(policies, policy);
                await WriteSettingsAsync(http).ConfigureAwait(false);
                return true;
            case "/_lab/permissions" when method == "DELETE":
                gate.Reset();
                await WriteSettingsAsync(http).ConfigureAwait(false);
                return true;
            default:
                if (method == "POST" && path.StartsWith(DenyPrefix, StringComparison.Ordinal) && path.Length > DenyPrefix.Length)
                {
                    gate.Deny(path[DenyPrefix.Length..]);
                    await WriteSettingsAsync(http).ConfigureAwait(false);
                    return true;
                }

                return false;
        }
    }

    private Task WriteSettingsAsync(HttpContext http)
    {
        var (loaded, denied) = gate.Settings;
        return ControlApi.WriteAsync(http, 200, new { Allowed = loaded?.Allowed, Denied = (loaded?.Denied ?? []).Concat(denied).ToList() });
    }

    private static async Task<(IdentityPolicyActions, IdentityPolicy)?> ReadPoliciesAsync(HttpContext http)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            return body.RootElement.TryGetProperty("policies", out var list) && list.ValueKind == JsonValueKind.Array
                ? (IdentityPolicyActions.Read(list.EnumerateArray()), IdentityPolicy.Read(list.EnumerateArray()))
                : null;
        }
        catch (Exception e) when (e is JsonException or PolicyFormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
