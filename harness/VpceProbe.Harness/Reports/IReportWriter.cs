using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports;

/// <summary>One report format. `--help` lists formats from <c>ReportWriters.All</c>, so the list cannot drift.</summary>
public interface IReportWriter
{
    /// <summary>The name users type ("json", "junit", "markdown", "console").</summary>
    string Format { get; }

    /// <summary>File name written under --output-dir ("report.json"); null for console-only formats.</summary>
    string? FileName { get; }

    string Description { get; }

    void Write(RunResult result, TextWriter writer);
}
