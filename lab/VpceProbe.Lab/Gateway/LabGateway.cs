using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Ssm;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The gateway's one entry point (see lab/DESIGN.md): Kestrel on <see cref="LabContext.GatewayUrl"/> and on every
/// data-plane frontend socket (TLS with the lab's service certificate for AWS services, plain HTTP for IMDS),
/// plus the emulated SSM agents. Disposing the result stops both.
/// </summary>
internal static class LabGateway
{
    /// <summary>The daemon's start: default tunables and no faults (`lab up --faults` sets them once the lab is seeded).</summary>
    public static Task<IAsyncDisposable> StartAsync(LabContext lab, CancellationToken cancellationToken) =>
        StartAsync(lab, GatewayOptions.Default, null, cancellationToken);

    /// <param name="reachability">The SSM heartbeat check; null for the real one through the data plane.</param>
    public static async Task<IAsyncDisposable> StartAsync(LabContext lab, GatewayOptions options, ISsmReachability? reachability, CancellationToken cancellationToken)
    {
        var stopping = new CancellationTokenSource();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var moto = new MotoQueries(http, lab.MotoUrl, lab.Region);
        var instances = new InstanceDirectory(moto, lab.Time);
        var forwarder = new MotoForwarder(http, lab.MotoUrl, instances.Answered);
        var callers = new CallerIdentities(options.AccountId);
        var commands = new CommandStore();
        var fleet = new SsmAgentFleet(
            lab.DataPlane, instances, reachability ?? new NamespaceReachability(lab.DataPlane, lab.Region, TimeSpan.FromMilliseconds(800), lab.Time),
            commands, new CommandExecutor(lab.DataPlane, moto, lab.Region, lab.Time), lab.State, lab.Time, options);
        var faults = new FaultInjector(options.Faults, new Random());
        lab.State.HoldPending(options.Faults.HoldPending);
        var api = new ApiDispatcher(
            faults, [new SsmEmulator(commands, fleet, lab.Time, options, lab.Region, stopping.Token), new StsIdentityEmulation(callers, options.AccountId)],
            new Ec2Interceptor(forwarder, moto, lab.State, lab.DataPlane), forwarder, lab.Time);
        var actions = new ActionLog(callers);
        var permissions = new PermissionGate(callers, lab.Region, options.AccountId);
        var pipeline = new GatewayPipeline(
            lab.DataPlane,
            new ControlApi(lab, faults, () => fleet.Nodes.ToDictionary(n => n.InstanceId, n => n.PingStatus.ToString()), new PermissionsControl(actions, permissions), commands),
            new ImdsResponder(instances, callers, lab.Time, lab.Region, options.AccountId),
            new EndpointGuard(moto, lab.State, callers),
            actions,
            permissions,
            api);

        var builder = WebApplication.CreateSlimBuilder();
        // Only errors, on the daemon's stderr (its log file): an exception that escapes a request must be seen.
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, lab));
        var app = builder.Build();
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var agents = Task.Run(() => fleet.RunAsync(stopping.Token), CancellationToken.None);
        return new RunningGateway(app, agents, stopping, http);
    }

    private static void Listen(KestrelServerOptions kestrel, LabContext lab)
    {
        // Kestrel refuses bodies over 30 MB (413); S3 takes a single PUT of up to 5 GB, and the linux-arm64 agent
        // that `agent deploy` stages is 39 MB. https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html
        kestrel.Limits.MaxRequestBodySize = 5L * 1024 * 1024 * 1024;
        kestrel.Listen(IPAddress.Parse(lab.GatewayUrl.Host), lab.GatewayUrl.Port);
        foreach (var frontend in lab.DataPlane.Frontends)
        {
            kestrel.ListenHandle((ulong)frontend.Listener.Handle, listen =>
            {
                // Tag each connection with its frontend, so the pipeline knows where a request arrived.
                listen.Use(next => connection =>
                {
                    connection.Items[GatewayPipeline.FrontendItem] = frontend;
                    return next(connection);
                });
                if (frontend.Kind == FrontendKind.AwsService)
                {
                    listen.UseHttps(lab.ServiceCertificate);
                }
            });
        }
    }

    private sealed class RunningGateway(WebApplication app, Task agents, CancellationTokenSource stopping, HttpClient http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            try
            {
                await agents.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The agents stop by cancellation; that is the expected end.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            http.Dispose();
        }
    }
}
