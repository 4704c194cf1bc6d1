using System.Globalization;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Lab.Topology;
using VpceProbe.Testing;
using VpceProbe.Testing.Backends;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// The lab as a backend of the integration suite: the walkthrough lab (backend `lab`) or the two-az lab (backend
/// `lab-two-az`), each started as `vpceprobe-lab serve` (the
/// lab program beside the tests) on a free loopback port, not 4566, so a developer's own lab is left
/// alone; swept as `lab down` does when the pool is disposed. Tests make their own VPCs in it: the lab keeps
/// their state (moto behind its gateway, endpoint lifecycle, private DNS checks) while its data plane carries
/// the seeded walkthrough VPC.
/// </summary>
public sealed class LabBackend : IAsyncDisposable
{
    private readonly LabNames _names;
    private readonly StringWriter _log;

    private LabBackend(LabNames names, StringWriter log)
    {
        _names = names;
        _log = log;
    }

    public static async Task<BackendStart> StartAsync(string backendName, CancellationToken cancellationToken)
    {
        var (topology, suffix) = backendName == AwsBackend.LabTwoAz ? ("two-az", "z") : ("walkthrough", string.Empty);
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            return BackendStart.CannotRun(string.Join("; ", problems));
        }

        var names = new LabNames($"h{(Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture)}{suffix}");
        var gateway = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var log = new StringWriter();
        try
        {
            // UpAsync sweeps what it made when it fails, so a failed start leaves nothing to dispose.
            await new LabLauncher(names, LabBinary.Command(), TimeProvider.System, log).UpAsync(topology, gateway, cancellationToken).ConfigureAwait(false);
        }
        catch (LabCommandException e)
        {
            throw new InvalidOperationException($"the lab did not start: {e.Message}\n{log}", e);
        }

        var backend = new AwsBackend(backendName, gateway.ToString().TrimEnd('/'), LabTopology.Load(topology).Region, MovesPackets: true);
        return BackendStart.Ready(backend, new LabBackend(names, log));
    }

    public async ValueTask DisposeAsync() => await new LabSweeper(_names, _log, TimeProvider.System).SweepAsync(CancellationToken.None).ConfigureAwait(false);
}
