using VpceProbe.Contract;

namespace VpceProbe.Harness.Scenario;

/// <summary>A probe in YAML: exactly the plan's field names, so a plan's probe can be pasted in.</summary>
internal static class ScenarioProbeReader
{
    /// <summary>Which fields are required and valid is <see cref="ScenarioValidator"/>'s business, once for every phase.</summary>
    public static ScenarioProbe Read(YamlFields f, List<ScenarioError> errors)
    {
        var spec = ProbeSpec.ReadFrom(f);
        f.RejectUnknown();
        return new ScenarioProbe(spec, f.Position.Line) { Column = f.Position.Column, Fields = new Dictionary<string, SourcePosition>(f.Positions), Refused = new HashSet<string>(f.Refused, StringComparer.Ordinal) };
    }
}
