using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Tls;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// `vpceprobe-lab serve` (hidden; started detached by `lab up`): owns moto, the data plane and the gateway for
/// as long as the lab lives. Writes its PIDs and readiness into the state file; stops on SIGTERM (`lab down`).
/// </summary>
internal sealed class LabDaemon(LabNames names, TimeProvider time, TextWriter log)
{
    /// <summary>How long a new VPC endpoint stays pending (AWS: about a minute; the lab: a few seconds).</summary>
    public static TimeSpan EndpointPendingTime { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// moto builds its list of endpoint services from every service's module on the first DescribeVpcEndpointServices
    /// (0.9 s on an idle machine, 2.4 s beside a run): asked while `lab up` seeds, not inside a run's preflight.
    /// Not awaited: nothing of the seeding needs it, and it never throws (a failure only costs that time later).
    /// </summary>
    private async Task LoadEndpointServicesAsync(AmazonEC2Client ec2, Action<string> phase, CancellationToken stop)
    {
        try
        {
            await ec2.DescribeVpcEndpointServicesAsync(new DescribeVpcEndpointServicesRequest(), stop).ConfigureAwait(false);
            phase("moto's endpoint services loaded");
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or OperationCanceledException)
        {
            await log.WriteLineAsync($"moto's endpoint services not loaded ahead ({e.GetType().Name}: {e.Message}); the first DescribeVpcEndpointServices loads them").ConfigureAwait(false);
        }
    }

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var record = LabRecord.Read(names) ?? throw new InvalidOperationException($"no lab state in {names.StateDirectory}; start labs with `vpceprobe lab up`");
        record = record with { DaemonPid = Environment.ProcessId };
        record.Write(names);
        var topology = LabTopologyFile.Load(names, record);
        var started = time.GetTimestamp();
        void Phase(string what) => log.WriteLine($"{what} after {time.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        MotoProcess? moto = null;
        LabDataPlane? dataPlane = null;
        IAsyncDisposable? gateway = null;
        try
        {
            moto = await MotoProcess.StartAsync(Path.Combine(names.StateDirectory, "moto.log"), time, stop).ConfigureAwait(false);
            Phase("moto up");
            record = record with { MotoPid = moto.Pid, MotoPort = moto.Port };
            record.Write(names);
            var ec2 = new AmazonEC2Client(TopologySeeder.Credentials, new AmazonEC2Config { ServiceURL = moto.Url.ToString(), AuthenticationRegion = topology.Region });
            // moto loads its EC2 backend on the first EC2 request (2-2.5 s of Python imports on this machine): asked
            // now, that happens while the data plane and the gateway start instead of inside `lab up`'s first call.
            var ec2Loaded = ec2.DescribeRegionsAsync(new DescribeRegionsRequest(), stop);

            using var ca = LabCertificateAuthority.Load(names.StateDirectory);
            var serviceCertificate = ca.IssueServerCertificate(LabCertificateAuthority.ServiceNames(topology.Region, topology.Internet.WebHosts.Keys), time);
            if (Arm64Emulation.Problem() is { } noArm64)
            {
                await log.WriteLineAsync($"{noArm64}; arm64 instances will not run arm64 programs").ConfigureAwait(false);
            }
            else
            {
                await Arm64Emulation.EnsureAsync(stop).ConfigureAwait(false);
            }

            var state = new LabState(time, EndpointPendingTime);
            dataPlane = await LabDataPlane.StartAsync(names, topology, ec2, state, ca.CertificatePem, serviceCertificate, stop).ConfigureAwait(false);
            Phase("data plane up");
            var context = new LabContext(names.Lab, topology.Region, moto.Url, new Uri(record.GatewayUrl), dataPlane, state, serviceCertificate, time);
            gateway = await LabGateway.StartAsync(context, stop).ConfigureAwait(false);
            Phase("gateway up");
            await ec2Loaded.ConfigureAwait(false);
            Phase("moto's EC2 loaded");
            _ = LoadEndpointServicesAsync(ec2, Phase, stop);
            (record with { Ready = true }).Write(names);
            await log.WriteLineAsync($"lab {names.Lab} ready on {record.GatewayUrl} (moto pid {moto.Pid}, port {moto.Port})").ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is LabCommandException or InvalidOperationException or IOException or System.Net.Sockets.SocketException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
        {
            await log.WriteLineAsync($"lab {names.Lab} failed: {e.Message}").ConfigureAwait(false);
            (record with { Error = e.Message }).Write(names);
            return 3;
        }
        finally
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync().ConfigureAwait(false);
            }

            if (dataPlane is not null)
            {
                await dataPlane.DisposeAsync().ConfigureAwait(false);
            }

            if (moto is not null)
            {
                await moto.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
