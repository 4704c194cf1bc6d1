using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Reports.Snapshots;

/// <summary>
/// `discover --format json` (or --json): the snapshot for machines. Its content is Discovery's own
/// serialization (<see cref="SnapshotJson"/>), which `run` reads back too; this only offers it as a format.
/// </summary>
internal sealed class SnapshotJsonWriter : IReportWriter<VpcSnapshot>
{
    public ReportFormat Format => ReportFormat.Json;

    public string FileName => "discover.json";

    public string Description => "the snapshot for scripts";

    public void Write(VpcSnapshot report, TextWriter writer) => writer.WriteLine(SnapshotJson.Serialize(report));
}
