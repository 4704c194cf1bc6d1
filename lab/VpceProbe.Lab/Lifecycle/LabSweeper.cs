using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// Removes everything a lab made, working from its name prefix as well as its state file, so it also cleans up
/// after a crash: the daemon and moto (by recorded PID, checked against /proc), every process still inside a
/// lab namespace (by PID, from `ip netns pids`), the namespaces (their links and nft tables go with them), the
/// /etc/netns entries and the state directory. Idempotent: a second run finds nothing and succeeds.
/// </summary>
internal sealed class LabSweeper(LabNames names, TextWriter log, TimeProvider time)
{
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken ct)
    {
        var removed = new List<string>();
        var record = LabRecord.Read(names);
        if (record?.DaemonPid is { } daemon && await StopAsync(daemon, "vpceprobe", ct).ConfigureAwait(false))
        {
            removed.Add($"daemon pid {daemon}");
        }

        if (record?.MotoPid is { } moto && await StopAsync(moto, "moto", ct).ConfigureAwait(false))
        {
            removed.Add($"moto pid {moto}");
        }

        foreach (var ns in await NamespacesAsync(ct).ConfigureAwait(false))
        {
            var pids = await Commands.RunAsync(["ip", "netns", "pids", ns], null, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            {
                Native.Signal(pid, Native.SigKill);
                removed.Add($"pid {pid} in {ns}");
            }

            var deleted = await Commands.RunAsync(["ip", "netns", "del", ns], null, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            if (deleted.ExitCode != 0)
            {
                await log.WriteLineAsync($"could not delete namespace {ns}: {deleted.StandardError.Trim()}").ConfigureAwait(false);
            }

            removed.Add($"namespace {ns}");
        }

        foreach (var entry in NamespaceFiles.WithPrefix(names.Prefix))
        {
            NamespaceFiles.Remove(entry);
            removed.Add($"/etc/netns/{entry}");
        }

        if (Directory.Exists(names.StateDirectory))
        {
            Directory.Delete(names.StateDirectory, recursive: true);
            removed.Add(names.StateDirectory);
        }

        return removed;
    }

    /// <summary>The lab's namespaces, from `ip netns list` (the prefix is the only thing trusted after a crash).</summary>
    public async Task<IReadOnlyList<string>> NamespacesAsync(CancellationToken ct)
    {
        var list = await Commands.RunAsync(["ip", "netns", "list"], null, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        return [.. list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(ns => ns.StartsWith(names.Prefix, StringComparison.Ordinal))];
    }

    /// <summary>SIGTERM, a grace period, then SIGKILL; only when /proc says the PID still runs what we started.</summary>
    private async Task<bool> StopAsync(int pid, string commandLineMark, CancellationToken ct)
    {
        if (!Runs(pid, commandLineMark))
        {
            return false;
        }

        Native.Signal(pid, Native.SigTerm);
        var gone = await LabPolling.WaitUntilAsync(_ => ValueTask.FromResult(!Runs(pid, commandLineMark)), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), time, ct).ConfigureAwait(false);
        if (!gone)
        {
            Native.Signal(pid, Native.SigKill);
        }

        return true;
    }

    public static bool Runs(int pid, string commandLineMark)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            var status = File.ReadAllText($"/proc/{pid}/stat");
            return cmdline.Contains(commandLineMark, StringComparison.Ordinal) && !status.Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
