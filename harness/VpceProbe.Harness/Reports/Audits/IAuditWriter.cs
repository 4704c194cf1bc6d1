using VpceProbe.Harness.Audit;

namespace VpceProbe.Harness.Reports.Audits;

/// <summary>One audit output format. `--format` and its help come from <see cref="AuditWriters.All"/>, so they cannot drift.</summary>
public interface IAuditWriter
{
    /// <summary>The name users type after --format.</summary>
    string Format { get; }

    string Description { get; }

    void Write(AuditReport report, TextWriter writer);
}
