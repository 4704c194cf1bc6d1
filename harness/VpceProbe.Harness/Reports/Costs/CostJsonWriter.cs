using System.Text.Json;
using VpceProbe.Harness.Cost;

namespace VpceProbe.Harness.Reports.Costs;

/// <summary>`cost --format json` (or --json): the report as it is (camelCase, full precision), with the totals.</summary>
internal sealed class CostJsonWriter : IReportWriter<CostReport>
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ReportFormat Format => ReportFormat.Json;

    public string FileName => "cost.json";

    public string Description => $"the estimate for scripts (schemaVersion {SchemaVersion})";

    public void Write(CostReport report, TextWriter writer) => writer.WriteLine(Serialize(report));

    public static string Serialize(CostReport report) => JsonSerializer.Serialize(
        new
        {
            schemaVersion = SchemaVersion,
            report.VpcId,
            report.Region,
            report.Prices,
            report.Current,
            currentTotal = report.CurrentTotal,
            natHours = report.NatHours,
            services = report.Services.Select(s => new { s.Service, s.GbPerMonth, s.EndpointKind, s.EndpointPresent, s.EndpointAzs, s.GbViaNat, s.ViaNat, s.ViaEndpoint, s.Saving }),
            routeTables = report.Tables,
            totalSaving = report.TotalSaving,
            afterTotal = report.AfterTotal,
        },
        Options);
}
