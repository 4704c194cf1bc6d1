using System.Text.Json;
using VpceProbe.Harness.Cost;

namespace VpceProbe.Harness.Reports.Costs;

/// <summary>`cost --json`: the report as it is (camelCase, full precision), with the totals.</summary>
public static class CostJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize(CostReport report) => JsonSerializer.Serialize(
        new
        {
            schemaVersion = 1,
            report.VpcId,
            report.Region,
            report.Prices,
            report.Current,
            currentTotal = report.CurrentTotal,
            services = report.Services.Select(s => new { s.Service, s.GbPerMonth, s.EndpointKind, s.EndpointPresent, s.EndpointAzs, s.ViaNat, s.ViaEndpoint, s.Saving }),
            totalSaving = report.TotalSaving,
        },
        Options);
}
