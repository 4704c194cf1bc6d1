using System.Text.Json;

namespace VpceProbe.Contract;

/// <summary>Reads and writes agent reports; the harness reads exactly what the agent wrote.</summary>
public static class ReportJson
{
    public static string Write(AgentReport report) => JsonSerializer.Serialize(report, ContractJson.Default.AgentReport);

    /// <summary>Returns null when the text is not a report (for example an agent that crashed before printing one).</summary>
    public static AgentReport? TryRead(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ContractJson.Default.AgentReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
