using System.Text.Json;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Output;

/// <summary>The contract's own names for outcomes and failure kinds ("no_answer", "dns_timeout"), so the table says what the JSON says.</summary>
internal static class Enums
{
    public static string Name(Outcome value) => JsonSerializer.Serialize(value, ContractJson.Default.Outcome).Trim('"');

    public static string Name(FailureKind value) => JsonSerializer.Serialize(value, ContractJson.Default.FailureKind).Trim('"');
}
