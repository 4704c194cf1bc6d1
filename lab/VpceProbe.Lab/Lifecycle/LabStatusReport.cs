using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>`lab status`: up (0), not up (1), or leftovers of a crashed lab that `lab down` will remove (3).</summary>
internal static class LabStatusReport
{
    public static async Task<int> WriteAsync(LabNames names, TextWriter output, CancellationToken ct)
    {
        var record = LabRecord.Read(names);
        var namespaces = await new LabSweeper(names, output, TimeProvider.System).NamespacesAsync(ct).ConfigureAwait(false);
        var daemonRuns = record?.DaemonPid is { } pid && LabSweeper.Runs(pid, "vpceprobe");
        if (record is { Ready: true } && daemonRuns)
        {
            LabSummary.Write(output, record, LabSummary.RegionOf(record));
            output.WriteLine($"daemon pid {record.DaemonPid}, moto pid {record.MotoPid} (port {record.MotoPort}); namespaces: {string.Join(' ', namespaces)}");
            return 0;
        }

        if (record is null && namespaces.Count == 0)
        {
            output.WriteLine($"lab {names.Lab} is not up");
            return 1;
        }

        output.WriteLine($"lab {names.Lab} is not running ({(record?.Error is { } error ? $"failed: {error}" : daemonRuns ? "still starting" : "its daemon is gone")}); left behind: {namespaces.Count} namespace(s){(record is null ? "" : $", {names.StateDirectory}")}");
        output.WriteLine($"remove it with: vpceprobe lab down --name {names.Lab}");
        return 3;
    }
}
