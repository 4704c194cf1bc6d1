using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using VpceProbe.Lab.Faults;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The lab's own API under /_lab/ on 127.0.0.1:4566 only (never on a frontend inside a namespace):
/// GET /_lab/status; GET, PUT and DELETE /_lab/faults; POST /_lab/faults/fail-once/OPERATION; the AWS actions served
/// (<see cref="ActionLog"/>) and the caller's permissions (<see cref="PermissionGate"/>) through <see cref="PermissionsControl"/>;
/// GET /_lab/ssm/invocations (<see cref="Ssm.SsmTimeline"/>).
/// </summary>
internal sealed class ControlApi(LabContext lab, FaultInjector faults, Func<IReadOnlyDictionary<string, string>> pingStatuses, PermissionsControl permissions, Ssm.CommandStore? commands = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        var method = http.Request.Method;
        if (await permissions.TryHandleAsync(http, path, method).ConfigureAwait(false))
        {
            return;
        }

        switch (path)
        {
            case "/_lab/status" when method == "GET":
                await WriteAsync(http, 200, new { lab.Name, lab.Region, Moto = lab.MotoUrl, PingStatus = pingStatuses(), Faults = FaultsBody.From(faults.Settings) })
                    .ConfigureAwait(false);
                return;
            case "/_lab/ssm/invocations" when method == "GET" && commands is not null:
                await WriteAsync(http, 200, Ssm.SsmTimeline.From(commands)).ConfigureAwait(false);
                return;
            case "/_lab/faults" when method == "GET":
                await WriteAsync(http, 200, FaultsBody.From(faults.Settings)).ConfigureAwait(false);
                return;
            case "/_lab/faults" when method == "PUT":
                var body = await JsonSerializer.DeserializeAsync<FaultsBody>(http.Request.Body, Json, http.RequestAborted).ConfigureAwait(false);
                if (body is null || body.ToSettings() is not { } settings)
                {
                    await WriteAsync(http, 400, new { Error = "expected {latencyMs, throttleRate, serverErrorRate, failOnce, holdPending} with rates between 0 and 1" })
                        .ConfigureAwait(false);
                    return;
                }

                faults.Apply(settings);
                lab.State.HoldPending(settings.HoldPending);
                await WriteAsync(http, 200, FaultsBody.From(faults.Settings)).ConfigureAwait(false);
                return;
            case "/_lab/faults" when method == "DELETE":
                faults.Apply(FaultSettings.None);
                lab.State.HoldPending(false);
                await WriteAsync(http, 200, FaultsBody.From(faults.Settings)).ConfigureAwait(false);
                return;
            default:
                if (method == "POST" && path.StartsWith("/_lab/faults/fail-once/", StringComparison.Ordinal))
                {
                    faults.FailOnce(path["/_lab/faults/fail-once/".Length..]);
                    await WriteAsync(http, 200, FaultsBody.From(faults.Settings)).ConfigureAwait(false);
                    return;
                }

                await WriteAsync(http, 404, new { Error = $"no control call {method} {path}" }).ConfigureAwait(false);
                return;
        }
    }

    internal static async Task WriteAsync(HttpContext http, int status, object body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, body, body.GetType(), Json, http.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>The JSON shape of <see cref="FaultSettings"/> on the control API.</summary>
internal sealed record FaultsBody(
    [property: JsonPropertyName("latencyMs")] double LatencyMs,
    [property: JsonPropertyName("throttleRate")] double ThrottleRate,
    [property: JsonPropertyName("serverErrorRate")] double ServerErrorRate,
    [property: JsonPropertyName("failOnce")] IReadOnlyList<string>? FailOnce,
    [property: JsonPropertyName("holdPending")] bool HoldPending = false)
{
    public static FaultsBody From(FaultSettings s) => new(s.Latency.TotalMilliseconds, s.ThrottleRate, s.ServerErrorRate, s.FailOnce, s.HoldPending);

    public FaultSettings? ToSettings() =>
        LatencyMs < 0 || ThrottleRate is < 0 or > 1 || ServerErrorRate is < 0 or > 1
            ? null
            : new FaultSettings(TimeSpan.FromMilliseconds(LatencyMs), ThrottleRate, ServerErrorRate, FailOnce ?? [], HoldPending);
}
