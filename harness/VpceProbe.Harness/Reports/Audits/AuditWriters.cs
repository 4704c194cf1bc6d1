namespace VpceProbe.Harness.Reports.Audits;

/// <summary>The one list of audit output formats; the first is the default.</summary>
public static class AuditWriters
{
    public static IReadOnlyList<IAuditWriter> All { get; } = [new TableAuditWriter(), new JsonAuditWriter(), new SarifAuditWriter()];

    public static IAuditWriter? Find(string format) => All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));
}
