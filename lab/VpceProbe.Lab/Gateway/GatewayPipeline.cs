using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Every HTTP request the gateway receives, by where it arrived: the control API and AWS API calls on
/// 127.0.0.1:4566; IMDS and service traffic on the frontends inside lab namespaces. Service traffic is first
/// checked against the path it took (endpoint available, endpoint policy) and then handled like an API call.
/// </summary>
internal sealed class GatewayPipeline(
    IDataPlane dataPlane, ControlApi control, ImdsResponder imds, EndpointGuard guard, ActionLog actions, PermissionGate permissions, ApiDispatcher api)
{
    internal const string FrontendItem = "vpl.frontend";

    public async Task HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var frontend = http.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(FrontendItem, out var f) == true ? f as ServiceFrontend : null;
        if (frontend is null && http.Request.Path.StartsWithSegments("/_lab"))
        {
            await control.HandleAsync(http).ConfigureAwait(false);
            return;
        }

        var path = frontend is null ? null : dataPlane.PathOf(frontend, Endpoint(http.Connection.LocalIpAddress, http.Connection.LocalPort),
            Endpoint(http.Connection.RemoteIpAddress, http.Connection.RemotePort));
        if (frontend?.Kind == FrontendKind.Imds)
        {
            await imds.HandleAsync(http, path!.SourceInstanceId).ConfigureAwait(false);
            return;
        }

        var request = await AwsRequestReader.ReadAsync(http.Request, ct).ConfigureAwait(false);
        actions.Record(request);
        if (path is not null)
        {
            var verdict = await guard.CheckAsync(request, path, ct).ConfigureAwait(false);
            if (verdict.Denied is { } denied)
            {
                await denied.WriteAsync(http.Response, ct).ConfigureAwait(false);
                return;
            }

            if (!verdict.Carried)
            {
                // Nothing carries this traffic: no answer at all, as the VPC drops it.
                http.Abort();
                return;
            }
        }

        if (permissions.Decide(request) is { } refusal)
        {
            // The caller's IAM permissions (or EC2's DryRun) answer before the call reaches moto: nothing changes.
            await refusal.WriteAsync(http.Response, ct).ConfigureAwait(false);
            return;
        }

        await api.DispatchAsync(request, http.Response, ct).ConfigureAwait(false);
    }

    private static IPEndPoint Endpoint(IPAddress? address, int port) => new(address ?? IPAddress.None, port);
}
