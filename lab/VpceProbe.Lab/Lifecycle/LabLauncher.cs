using System.Diagnostics;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Tls;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// `vpceprobe lab up`: checks the machine, makes the CA, starts the daemon detached, waits until it is ready,
/// seeds the topology through the lab's AWS endpoint, waits until its endpoints are available, and only then puts
/// the asked-for faults in force (they are for the system under test, not for the lab's own seeding). Any failure
/// on the way tears down what was made: the lab never half-starts.
/// </summary>
/// <param name="daemonCommand">How to start `vpceprobe-lab serve --name NAME` (the lab program passes its own invocation).</param>
internal sealed class LabLauncher(LabNames names, IReadOnlyList<string> daemonCommand, TimeProvider time, TextWriter log)
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Up with a built-in topology.</summary>
    public Task<LabRecord> UpAsync(string topologyName, Uri gatewayUrl, CancellationToken ct) =>
        UpAsync(LabTopology.Load(topologyName), gatewayUrl, FaultSettings.None, ct);

    /// <summary>Up with a validated topology and no faults.</summary>
    public Task<LabRecord> UpAsync(LabTopology topology, Uri gatewayUrl, CancellationToken ct) =>
        UpAsync(topology, gatewayUrl, FaultSettings.None, ct);

    /// <summary>Up with a validated topology (<see cref="TopologyReader"/>): validation happens before anything is made.</summary>
    /// <param name="gatewayUrl">Where the lab's AWS endpoint listens (`--port`: http://127.0.0.1:PORT).</param>
    /// <param name="faults">Faults the gateway injects once the lab is ready (`--faults`).</param>
    public async Task<LabRecord> UpAsync(LabTopology topology, Uri gatewayUrl, FaultSettings faults, CancellationToken ct)
    {
        if (LabRecord.Read(names) is { DaemonPid: { } pid } && LabSweeper.Runs(pid, "vpceprobe"))
        {
            throw new LabAlreadyUpException($"lab '{names.Lab}' is already up (daemon pid {pid}); `vpceprobe lab down --name {names.Lab}` first");
        }

        // Leftovers of a crashed lab with this name would collide with the new one.
        await new LabSweeper(names, log, time).SweepAsync(ct).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(names.StateDirectory);
            using (var ca = LabCertificateAuthority.Create(names.Lab, time))
            {
                ca.Save(names.StateDirectory);
            }

            LabTopologyFile.Save(names, topology);
            new LabRecord { Name = names.Lab, Topology = topology.Name, GatewayUrl = gatewayUrl.ToString().TrimEnd('/') }.Write(names);
            var started = time.GetTimestamp();
            StartDaemon();
            var record = await WaitReadyAsync(ct).ConfigureAwait(false);
            await log.WriteLineAsync($"lab {names.Lab}: daemon ready after {time.GetElapsedTime(started).TotalSeconds:F1} s; seeding {topology.Name}").ConfigureAwait(false);
            var seeded = await new TopologySeeder(gatewayUrl, time).SeedAsync(topology, ct).ConfigureAwait(false);
            await log.WriteLineAsync($"lab {names.Lab}: seeded after {time.GetElapsedTime(started).TotalSeconds:F1} s; waiting for endpoints").ConfigureAwait(false);
            await WaitEndpointsAvailableAsync(gatewayUrl, topology.Region, ct).ConfigureAwait(false);
            if (faults != FaultSettings.None)
            {
                await LabControlClient.ApplyFaultsAsync(gatewayUrl, faults, ct).ConfigureAwait(false);
                await log.WriteLineAsync($"lab {names.Lab}: faults in force").ConfigureAwait(false);
            }

            await log.WriteLineAsync($"lab {names.Lab}: up after {time.GetElapsedTime(started).TotalSeconds:F1} s").ConfigureAwait(false);
            record = (LabRecord.Read(names) ?? record) with { Seeded = seeded };
            record.Write(names);
            return record;
        }
        catch (Exception e) when (e is TopologySeedException or AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            // A seeding call failed: the daemon's log says what the lab saw (a failed reconcile, moto's error), and
            // it goes with the sweep, so its last lines go into the error.
            var daemonLog = DaemonLogTail();
            await new LabSweeper(names, log, time).SweepAsync(CancellationToken.None).ConfigureAwait(false);
            throw new LabCommandException($"{topology.Name}: {e.Message}{daemonLog}", e);
        }
        catch
        {
            // Whatever failed (or Ctrl-C), nothing of this lab stays behind; the caller reports the failure.
            await new LabSweeper(names, log, time).SweepAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private void StartDaemon()
    {
        // setsid: the daemon gets its own session, so it outlives this command and its terminal.
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in new[] { "-f", "sh", "-c", "exec \"$@\" >\"$VPCEPROBE_LAB_LOG\" 2>&1 </dev/null", "sh" }.Concat(daemonCommand).Concat(["serve", "--name", names.Lab]))
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["VPCEPROBE_LAB_LOG"] = Path.Combine(names.StateDirectory, "daemon.log");

        // The lab is AWS for whoever calls it, never a client of the caller's AWS settings or proxies: the daemon,
        // moto and (through the daemon) the instances start without them. Commands in instances also get an
        // environment of their own (Ssm.AgentCommandEnvironment).
        foreach (var variable in psi.Environment.Keys.Where(IsCallerAwsSetting).ToList())
        {
            psi.Environment.Remove(variable);
        }
        using var process = Process.Start(psi) ?? throw new LabCommandException("could not start the lab daemon (setsid)");
        process.WaitForExit();
    }

    private static bool IsCallerAwsSetting(string variable) =>
        variable.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
        || variable.EndsWith("_proxy", StringComparison.OrdinalIgnoreCase)
        || variable.Equals("no_proxy", StringComparison.OrdinalIgnoreCase);

    private string DaemonLogTail()
    {
        var daemonLog = Path.Combine(names.StateDirectory, "daemon.log");
        return File.Exists(daemonLog) ? $"\nthe lab daemon's log ends with:\n{string.Join('\n', File.ReadAllLines(daemonLog).TakeLast(15))}" : "";
    }

    private async Task<LabRecord> WaitReadyAsync(CancellationToken ct)
    {
        LabRecord? record = null;
        var ready = await LabPolling.WaitUntilAsync(_ =>
        {
            record = LabRecord.Read(names);
            return ValueTask.FromResult(record is { Ready: true } || record?.Error is not null);
        }, ReadyTimeout, TimeSpan.FromMilliseconds(100), time, ct).ConfigureAwait(false);
        if (!ready || record is not { Ready: true })
        {
            throw new LabCommandException($"the lab daemon did not become ready: {record?.Error ?? "timed out"}{DaemonLogTail()}");
        }

        return record;
    }

    /// <summary>New endpoints are pending for a while; the lab is up when they are available, as in AWS after creation.</summary>
    private async Task WaitEndpointsAvailableAsync(Uri gatewayUrl, string region, CancellationToken ct)
    {
        using var ec2 = new AmazonEC2Client(TopologySeeder.Credentials, new AmazonEC2Config { ServiceURL = gatewayUrl.ToString(), AuthenticationRegion = region });
        var available = await LabPolling.WaitUntilAsync(async token =>
        {
            var endpoints = await ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest(), token).ConfigureAwait(false);
            return (endpoints.VpcEndpoints ?? []).All(e => e.State == Amazon.EC2.State.Available);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250), time, ct).ConfigureAwait(false);
        if (!available)
        {
            throw new LabCommandException("the seeded VPC endpoints did not become available within 30 s");
        }
    }
}

/// <summary>`lab up` for a name whose daemon runs (exit 2: the user must take it down or pick another name).</summary>
internal sealed class LabAlreadyUpException(string message) : Exception(message);
