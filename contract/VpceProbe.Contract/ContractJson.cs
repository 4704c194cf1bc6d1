using System.Text.Json;
using System.Text.Json.Serialization;

namespace VpceProbe.Contract;

/// <summary>
/// Source-generated JSON for the contract (the agent is NativeAOT: no reflection).
/// Unknown plan fields are errors, so a typo such as "prot" is caught instead of silently ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ProbePlan))]
[JsonSerializable(typeof(AgentReport))]
public sealed partial class ContractJson : JsonSerializerContext;
