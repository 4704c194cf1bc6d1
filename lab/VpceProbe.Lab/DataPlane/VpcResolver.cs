using System.Diagnostics;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.DataPlane;

/// <summary>
/// The Amazon-provided DNS server of the VPC: dnsmasq in the router namespace on the VPC base + 2. It answers
/// only from the hosts file the reconciler writes (re-read on SIGHUP) and never forwards anywhere; names it
/// does not know are NXDOMAIN. Bucket names under s3.REGION.amazonaws.com answer with S3's public address.
/// </summary>
internal sealed class VpcResolver(LabNames names, string region, string s3PublicAddress) : IAsyncDisposable
{
    private Process? _process;
    private string _hosts = "";

    private string HostsPath => Path.Combine(names.StateDirectory, "vpc-hosts");

    public int? Pid => _process?.Id;

    public async Task EnsureStartedAsync(string address, CancellationToken ct)
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        await Ip.InAsync(names.Router, $"addr replace {address}/32 dev lo", ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(HostsPath, _hosts, ct).ConfigureAwait(false);
        var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "netns", "exec", names.Router, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
            "--no-poll", "--pid-file=", "--user=root", "--bind-interfaces", $"--listen-address={address}", $"--addn-hosts={HostsPath}",
            "--address=/#/", $"--address=/{ServiceHostName.Of("s3", region)}/{s3PublicAddress}", "--local-ttl=1", "--log-facility=-",
        })
        {
            psi.ArgumentList.Add(arg);
        }

        _process = Process.Start(psi) ?? throw new LabCommandException("could not start dnsmasq");
        // `ip netns exec` execs dnsmasq in place, so this PID is dnsmasq's own.
        _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var log = _process.StandardError;
        var line = await log.ReadLineAsync(ct).ConfigureAwait(false);
        if (line is null || _process.HasExited)
        {
            throw new LabCommandException($"dnsmasq did not start in {names.Router}: {line}");
        }

        _ = log.ReadToEndAsync(CancellationToken.None);
    }

    /// <summary>Writes the names and makes dnsmasq re-read them (its cache is cleared with them).</summary>
    public async Task UpdateAsync(string hosts, CancellationToken ct)
    {
        if (hosts == _hosts)
        {
            return;
        }

        _hosts = hosts;
        var temporary = HostsPath + ".new";
        await File.WriteAllTextAsync(temporary, hosts, ct).ConfigureAwait(false);
        File.Move(temporary, HostsPath, overwrite: true);
        if (_process is { HasExited: false } process)
        {
            Native.Signal(process.Id, Native.SigHup);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process?.Dispose();
    }
}
