using VpceProbe.Contract;

namespace VpceProbe.Agent.Output;

/// <summary>One output format of the agent's report. The --format list is the list of writers in <see cref="ReportWriters"/>.</summary>
internal interface IReportWriter
{
    /// <summary>The --format value ("json", "table").</summary>
    string Format { get; }

    void Write(AgentReport report, TextWriter output);
}
