using VpceProbe.Contract;

namespace VpceProbe.Agent.Output;

/// <summary>
/// The machine format: one compact line, exactly what the harness reads back through SSM (whose stdout
/// is cut at 24,000 characters, hence no indentation). Source-generated serialization, no reflection.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public void Write(AgentReport report, TextWriter output) => output.WriteLine(ReportJson.Write(report));
}
